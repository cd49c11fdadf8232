package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** The item does not exist or is not known. */
@ErrorCode("NOT_FOUND")
public final class NotFoundError extends ApiError {

    public NotFoundError(String message) {
        super(message);
    }
}
