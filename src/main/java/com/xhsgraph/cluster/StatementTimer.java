package com.xhsgraph.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Times the statements an upstream call adds for the instances to spend as one, in {@code xhs_cluster_statement_seconds}
 * by {@code op} ({@code admit}: rate limit and breaker; {@code acquire}, {@code release}, {@code look}: the call's
 * lease; {@code count}: usage and the client's charge), so that what sharing costs per call can be read off the
 * metrics (the benchmark prints it).
 */
public final class StatementTimer {

    private final MeterRegistry metrics;

    /**
     * How long a statement that only coordinates (the rate limit and breaker, a look at a lease) may take before the
     * caller gives up on it and goes on as a lone instance would ({@code xhs.cluster.give-up-after}): a database that
     * hangs must not hold upstream calls. Statements that write what must be counted exactly have no such bound: given
     * up on, they might still commit.
     */
    private final Duration giveUp;

    public StatementTimer(MeterRegistry metrics, Duration giveUp) {
        this.metrics = metrics;
        this.giveUp = giveUp;
    }

    /** {@code statement}, failing with a {@link java.util.concurrent.TimeoutException} after the give-up bound. */
    <T> Uni<T> timedOrGiveUp(String op, Uni<T> statement) {
        return timed(op, statement).ifNoItem().after(giveUp).failWith(() -> new java.util.concurrent.TimeoutException(
                "The shared " + op + " statement did not answer within " + giveUp.toMillis() + " ms"));
    }

    public <T> Uni<T> timed(String op, Uni<T> statement) {
        return Uni.createFrom().<T>deferred(() -> {
            long start = System.nanoTime();
            return statement.onItemOrFailure().invoke((item, failure) -> Timer.builder("xhs.cluster.statement")
                    .description("Statements an upstream call adds to share the economy between instances")
                    .tag("op", op).tag("outcome", failure == null ? "ok" : "failed").register(metrics)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }
}
