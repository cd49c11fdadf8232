package com.xhsgraph.graphql;

/**
 * An error a client sees, with a stable {@code extensions.code} given by the subclass's {@code @ErrorCode}. Messages
 * are written by this service: never an upstream body, a token, a stack trace or a class name.
 */
public abstract class ApiError extends RuntimeException {

    protected ApiError(String message) {
        super(message, null, false, false);
    }
}
