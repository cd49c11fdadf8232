package com.xhsgraph.service.model;

/**
 * The request ran past its deadline or its client disconnected: no new upstream call starts for it (calls already in
 * flight finish and are stored).
 */
public class RequestCancelledException extends RuntimeException {

    public RequestCancelledException(String message) {
        super(message, null, false, false);
    }
}
