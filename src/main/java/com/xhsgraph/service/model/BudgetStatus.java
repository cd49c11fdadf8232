package com.xhsgraph.service.model;

import java.time.Instant;

/**
 * Where a client stands against its daily budget of billed upstream calls.
 *
 * @param limit the daily budget
 * @param used billed calls charged today
 * @param reserved calls reserved by its queries still running (their estimates)
 * @param resetAt when the day ends and the count starts again
 */
public record BudgetStatus(int limit, long used, long reserved, Instant resetAt) {

    /** Calls it may still reserve today. */
    public long remaining() {
        return Math.max(0, limit - used - reserved);
    }
}
