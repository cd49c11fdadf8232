package com.xhsgraph.upstream.justoneapi;

/**
 * A token bucket with reservations: a caller takes a token now, or reserves the next free one and learns how long to
 * wait for it, so that waiting needs a timer and no blocked thread.
 */
final class TokenBucket {

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.tokensPerNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /**
     * Takes a token. Returns how many nanoseconds the caller must wait before using it, or -1 (and takes nothing)
     * when that would be longer than {@code maxWaitNanos}.
     */
    synchronized long reserve(long nowNanos, long maxWaitNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        long wait = (long) Math.ceil((1 - tokens) / tokensPerNano);
        if (wait > maxWaitNanos) {
            return -1;
        }
        tokens -= 1;
        return wait;
    }

    /** The upstream said "too fast" (302): nothing is left to spend until the bucket refills. */
    synchronized void drain(long nowNanos) {
        refill(nowNanos);
        tokens = Math.min(tokens, 0);
    }

    private void refill(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(burst, tokens + (nowNanos - last) * tokensPerNano);
            last = nowNanos;
        }
    }
}
