package com.xhsgraph.service.model;

/** The thing asked for does not exist, or is not known to this service. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
