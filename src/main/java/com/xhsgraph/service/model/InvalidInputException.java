package com.xhsgraph.service.model;

/** Client input the service cannot act on: a malformed id or cursor, or a value out of range. Nothing was fetched. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message, null, false, false);
    }
}
