package com.xhsgraph.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** Offline mode, or time travel, asked for data no snapshot holds. */
@ErrorCode("NOT_IN_SNAPSHOT")
public final class NotInSnapshotError extends ApiError {

    public NotInSnapshotError(String message) {
        super(message);
    }
}
