package com.xhsgraph.graphql;

/**
 * Every {@code extensions.code} a client may see: the API's stable error codes. The README's error table lists them
 * with when each occurs.
 */
public enum ErrorCode {
    /** The HTTP request is not a GraphQL request this service reads (HTTP 4xx). Nothing was executed. */
    BAD_REQUEST,
    /** No valid API key or bearer token where one is needed (HTTP 401). Nothing was executed. */
    UNAUTHENTICATED,
    /**
     * The client may not do this: a field for admins only, or a browser origin its key does not allow (HTTP 403).
     * Nothing was fetched.
     */
    FORBIDDEN,
    /**
     * The query could make more billed upstream calls than remain of its client's daily budget; HTTP 429 with
     * Retry-After at the next reset. Nothing was spent.
     */
    CLIENT_BUDGET_EXCEEDED,
    /** The client's budget cannot be checked now (the database is unreachable); HTTP 503. Nothing was spent. */
    BUDGET_UNAVAILABLE,
    /** A persisted query sent by its hash alone is not known: send it again with its text. */
    PERSISTED_QUERY_NOT_FOUND,
    /** Persisted queries are switched off. */
    PERSISTED_QUERY_NOT_SUPPORTED,
    /** Only trusted documents run here, and this is not one (HTTP 403). Nothing was executed. */
    DOCUMENT_NOT_TRUSTED,
    /**
     * The document does not parse or validate against the schema, names an operation it does not have, or its variables
     * do not fit it (HTTP 400 in application/graphql-response+json, 200 in application/json). Nothing was executed.
     */
    INVALID_QUERY,
    /**
     * The request ran past its deadline ({@code xhs.graph.request-timeout}); HTTP 504. Calls already made were stored
     * and are served by the next request; no new one was started after the deadline.
     */
    DEADLINE_EXCEEDED,
    /** A malformed id, URL or cursor, or an argument out of range. Nothing was fetched. */
    INVALID_ARGUMENT,
    /** The upstream has no such user or note, or a comment is not stored yet. */
    NOT_FOUND,
    /** The upstream rejected the token (100) or its permissions (600). */
    UPSTREAM_AUTH,
    /** The upstream is throttling (302, HTTP 429), or this service's own rate limit would wait too long. */
    UPSTREAM_RATE_LIMITED,
    /** The daily quota is used up (303). */
    UPSTREAM_QUOTA_EXCEEDED,
    /** The account balance is exhausted (601). */
    UPSTREAM_BALANCE_EXHAUSTED,
    /** The upstream rejected the parameters (400). */
    UPSTREAM_REJECTED,
    /** Collection failed (301), an upstream error, a timeout, or a body that is not an envelope. */
    UPSTREAM_UNAVAILABLE,
    /** Offline mode or {@code asOf} asked for data no snapshot holds. */
    NOT_IN_SNAPSHOT,
    /** The query could make more upstream calls than the per-query budget. Nothing was spent. */
    QUERY_BUDGET_EXCEEDED,
    /** Too many queries are executing or waiting; HTTP 503 with Retry-After. Nothing was fetched. */
    OVERLOADED,
    /** A failure inside this service; the log has the details. */
    INTERNAL
}
