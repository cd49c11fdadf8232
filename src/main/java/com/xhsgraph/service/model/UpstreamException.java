package com.xhsgraph.service.model;

/**
 * A failed upstream call. The message is written by this service and is safe to show: it never carries the token, the
 * upstream body or the request URL.
 */
public final class UpstreamException extends RuntimeException {

    /** The few outcomes the rest of the service needs to tell apart. */
    public enum Kind {
        /** 100 invalid or inactive token, 600 permission denied. */
        AUTH,
        /** 302 rate limit exceeded (or HTTP 429 without an envelope code). */
        RATE_LIMITED,
        /** 303 daily quota exceeded. */
        QUOTA_EXCEEDED,
        /** 601 insufficient balance. */
        BALANCE_EXHAUSTED,
        /** 400 invalid parameters. */
        REJECTED,
        /** The resource does not exist (201 "no content", 404, or an empty detail). */
        NOT_FOUND,
        /** 301 collection failed, 500, 503, unknown codes, timeouts, connection errors and bodies that are not JSON. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final Endpoint endpoint;
    private final Integer upstreamCode;
    private final Integer httpStatus;

    public UpstreamException(Kind kind, Endpoint endpoint, Integer upstreamCode, String message) {
        this(kind, endpoint, upstreamCode, null, message);
    }

    public UpstreamException(Kind kind, Endpoint endpoint, Integer upstreamCode, Integer httpStatus, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.endpoint = endpoint;
        this.upstreamCode = upstreamCode;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The endpoint called. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The envelope's {@code code}, or null when there was no envelope (timeout, connection error, not JSON). */
    public Integer upstreamCode() {
        return upstreamCode;
    }

    /**
     * Whether the same call may succeed if made again and the failure was not billed: 301, 500 and 503, HTTP 5xx,
     * timeouts and connection errors, and 302 (after waiting for the rate limiter).
     */
    public boolean retryable() {
        if (upstreamCode != null) {
            return upstreamCode == 301 || upstreamCode == 302 || upstreamCode == 500 || upstreamCode == 503;
        }
        return kind == Kind.UNAVAILABLE && (httpStatus == null || httpStatus >= 500)
                || kind == Kind.RATE_LIMITED && httpStatus != null && httpStatus == 429;
    }

    /** Maps an envelope {@code code} other than 0 to its kind. */
    public static Kind kindOf(int code) {
        return switch (code) {
            case 100, 600 -> Kind.AUTH;
            case 302 -> Kind.RATE_LIMITED;
            case 303 -> Kind.QUOTA_EXCEEDED;
            case 601 -> Kind.BALANCE_EXHAUSTED;
            case 400 -> Kind.REJECTED;
            case 201, 404 -> Kind.NOT_FOUND;
            default -> Kind.UNAVAILABLE;
        };
    }

    /** A client-safe sentence for {@code kind}. */
    public static String describe(Kind kind) {
        return switch (kind) {
            case AUTH -> "Just One API rejected the token";
            case RATE_LIMITED -> "Just One API is rate limiting this service";
            case QUOTA_EXCEEDED -> "the daily Just One API quota is used up";
            case BALANCE_EXHAUSTED -> "the Just One API balance is exhausted";
            case REJECTED -> "Just One API rejected the request parameters";
            case NOT_FOUND -> "Just One API has no such item";
            case UNAVAILABLE -> "Just One API is unavailable";
        };
    }
}
