package com.xhsgraph.upstream.justoneapi;

import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.UpstreamException;
import com.xhsgraph.service.model.UpstreamException.Kind;

/**
 * Stops calling the upstream for a cool-down after an account-level failure (invalid token, no permission, quota or
 * balance used up): every call in that window would fail the same way and only add latency. Calls fail at once with
 * the same kind until the cool-down ends; the next call then tries again and closes or reopens the breaker.
 */
final class AccountBreaker {

    private final long coolDownNanos;
    private volatile long openUntil;
    private volatile UpstreamException cause;

    AccountBreaker(long coolDownNanos) {
        this.coolDownNanos = coolDownNanos;
    }

    /** The failure to answer with while open, or null when calls may go out. */
    UpstreamException rejection(Endpoint endpoint, long nowNanos) {
        UpstreamException open = cause;
        if (open == null || nowNanos - openUntil >= 0) {
            return null;
        }
        long seconds = Math.max(1, (openUntil - nowNanos) / 1_000_000_000L);
        return new UpstreamException(open.kind(), endpoint, open.upstreamCode(), null,
                open.getMessage() + "; not calling again for " + seconds + " s");
    }

    void onResult(UpstreamException failure, long nowNanos) {
        if (failure == null) {
            cause = null;
        } else if (opens(failure.kind())) {
            openUntil = nowNanos + coolDownNanos;
            cause = failure;
        }
    }

    boolean isOpen(long nowNanos) {
        return cause != null && nowNanos - openUntil < 0;
    }

    static boolean opens(Kind kind) {
        return kind == Kind.AUTH || kind == Kind.QUOTA_EXCEEDED || kind == Kind.BALANCE_EXHAUSTED;
    }
}
