package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** Just One API refused the token (upstream code 100 or 600). */
@ErrorCode("UPSTREAM_AUTH")
public final class UpstreamAuthError extends ApiError {

    public UpstreamAuthError(String message) {
        super(message);
    }
}
