package com.xhsgraph.graphql;

import java.util.concurrent.CompletionException;

import com.xhsgraph.service.InvalidInputException;
import com.xhsgraph.service.NotFoundException;
import com.xhsgraph.service.NotInSnapshotException;
import com.xhsgraph.upstream.justoneapi.UpstreamException;

import io.quarkus.logging.Log;

/** Translates whatever a resolver's work failed with into the {@link ApiError} the client sees. */
final class ApiErrors {

    private ApiErrors() {}

    static ApiError translate(Throwable failure) {
        Throwable f = failure;
        while (f instanceof CompletionException && f.getCause() != null) {
            f = f.getCause();
        }
        if (f instanceof ApiError api) {
            return api;
        }
        if (f instanceof InvalidInputException invalid) {
            return new InvalidArgumentError(invalid.getMessage());
        }
        if (f instanceof NotInSnapshotException missing) {
            return new NotInSnapshotError(missing.getMessage());
        }
        if (f instanceof NotFoundException notFound) {
            return new NotFoundError(notFound.getMessage());
        }
        if (f instanceof UpstreamException upstream) {
            String message = upstream.getMessage();
            return switch (upstream.kind()) {
                case AUTH -> new UpstreamAuthError(message);
                case RATE_LIMITED -> new UpstreamRateLimitedError(message);
                case QUOTA_EXCEEDED -> new UpstreamQuotaExceededError(message);
                case BALANCE_EXHAUSTED -> new UpstreamBalanceExhaustedError(message);
                case REJECTED -> new UpstreamRejectedError(message);
                case NOT_FOUND -> new NotFoundError(message);
                case UNAVAILABLE -> new UpstreamUnavailableError(message);
            };
        }
        Log.error("Unexpected failure while resolving a field", f);
        return new InternalServerError("Internal error");
    }
}
