package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** Just One API rejected the request parameters (upstream code 400). */
@ErrorCode("UPSTREAM_REJECTED")
public final class UpstreamRejectedError extends ApiError {

    public UpstreamRejectedError(String message) {
        super(message);
    }
}
