package com.xhsgraph.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.xhsgraph.service.model.InvalidInputException;
import com.xhsgraph.service.model.NotFoundException;
import com.xhsgraph.service.model.NotInSnapshotException;
import com.xhsgraph.service.model.RequestCancelledException;
import com.xhsgraph.service.model.UpstreamException;

import io.quarkus.logging.Log;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/**
 * An error a client sees, with a stable {@code extensions.code}. Messages are written by this service: never an
 * upstream body, a token, a stack trace or a class name. As a {@link GraphQLError} its extensions travel with it into
 * the response (graphql-java copies them into the error of the field that failed).
 */
public final class ApiError extends RuntimeException implements GraphQLError {

    private final ErrorCode code;

    public ApiError(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("code", code.name());
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    /** What the client sees of whatever a resolver's work failed with. */
    static ApiError of(Throwable failure) {
        Throwable f = failure;
        while (f instanceof CompletionException && f.getCause() != null) {
            f = f.getCause();
        }
        if (f instanceof ApiError api) {
            return api;
        }
        if (f instanceof InvalidInputException) {
            return new ApiError(ErrorCode.INVALID_ARGUMENT, f.getMessage());
        }
        if (f instanceof RequestCancelledException) {
            return new ApiError(ErrorCode.DEADLINE_EXCEEDED, f.getMessage());
        }
        if (f instanceof NotInSnapshotException) {
            return new ApiError(ErrorCode.NOT_IN_SNAPSHOT, f.getMessage());
        }
        if (f instanceof NotFoundException) {
            return new ApiError(ErrorCode.NOT_FOUND, f.getMessage());
        }
        if (f instanceof UpstreamException upstream) {
            ErrorCode code = switch (upstream.kind()) {
                case AUTH -> ErrorCode.UPSTREAM_AUTH;
                case RATE_LIMITED -> ErrorCode.UPSTREAM_RATE_LIMITED;
                case QUOTA_EXCEEDED -> ErrorCode.UPSTREAM_QUOTA_EXCEEDED;
                case BALANCE_EXHAUSTED -> ErrorCode.UPSTREAM_BALANCE_EXHAUSTED;
                case REJECTED -> ErrorCode.UPSTREAM_REJECTED;
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
                case UNAVAILABLE -> ErrorCode.UPSTREAM_UNAVAILABLE;
            };
            return new ApiError(code, upstream.getMessage());
        }
        Log.error("Unexpected failure while resolving a field", f);
        return new ApiError(ErrorCode.INTERNAL, "Internal error");
    }
}
