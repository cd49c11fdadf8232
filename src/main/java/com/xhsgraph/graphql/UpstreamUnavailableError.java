package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** Just One API failed or did not answer (301, 500, timeouts, bodies that are not JSON). */
@ErrorCode("UPSTREAM_UNAVAILABLE")
public final class UpstreamUnavailableError extends ApiError {

    public UpstreamUnavailableError(String message) {
        super(message);
    }
}
