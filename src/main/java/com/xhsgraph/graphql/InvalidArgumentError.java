package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** The request is invalid; nothing was fetched. */
@ErrorCode("INVALID_ARGUMENT")
public final class InvalidArgumentError extends ApiError {

    public InvalidArgumentError(String message) {
        super(message);
    }
}
