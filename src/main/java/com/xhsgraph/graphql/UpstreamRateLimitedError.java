package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** Just One API is throttling this service (upstream code 302). */
@ErrorCode("UPSTREAM_RATE_LIMITED")
public final class UpstreamRateLimitedError extends ApiError {

    public UpstreamRateLimitedError(String message) {
        super(message);
    }
}
