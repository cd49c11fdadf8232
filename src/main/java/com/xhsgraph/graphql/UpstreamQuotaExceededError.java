package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** The daily Just One API quota is used up (upstream code 303). */
@ErrorCode("UPSTREAM_QUOTA_EXCEEDED")
public final class UpstreamQuotaExceededError extends ApiError {

    public UpstreamQuotaExceededError(String message) {
        super(message);
    }
}
