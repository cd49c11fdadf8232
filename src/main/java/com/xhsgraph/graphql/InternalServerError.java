package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** An unexpected failure inside this service; the log has the details. */
@ErrorCode("INTERNAL")
public final class InternalServerError extends ApiError {

    public InternalServerError(String message) {
        super(message);
    }
}
