package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** The Just One API balance is exhausted (upstream code 601). */
@ErrorCode("UPSTREAM_BALANCE_EXHAUSTED")
public final class UpstreamBalanceExhaustedError extends ApiError {

    public UpstreamBalanceExhaustedError(String message) {
        super(message);
    }
}
