package com.xhsgraph.service.model;

/** Offline mode or time travel asked for data that no snapshot holds. */
public class NotInSnapshotException extends RuntimeException {

    public NotInSnapshotException(String message) {
        super(message, null, false, false);
    }
}
