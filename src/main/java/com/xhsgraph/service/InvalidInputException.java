package com.xhsgraph.service;

/** Client input the service cannot act on: a malformed id or cursor, or a value out of range. Nothing was fetched. */
public class InvalidInputException extends RuntimeException {

    private final String argument;

    public InvalidInputException(String argument, String message) {
        super(message, null, false, false);
        this.argument = argument;
    }

    /** The GraphQL argument at fault. */
    public String argument() {
        return argument;
    }
}
