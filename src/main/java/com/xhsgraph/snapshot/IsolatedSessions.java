package com.xhsgraph.snapshot;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs each unit of database work in a session of its own, on a fresh duplicated Vert.x context.
 * <p>
 * GraphQL resolves sibling fields concurrently inside one request, and Panache keeps its session in the current
 * Vert.x context: two siblings writing at once would share one Hibernate Reactive session, which is not allowed
 * (quarkusio/quarkus#32870). A fresh context per unit gives each its own session, while keeping everything on the
 * event loop.
 */
@ApplicationScoped
public class IsolatedSessions {

    private final Vertx vertx;
    private final MeterRegistry metrics;

    IsolatedSessions(Vertx vertx, MeterRegistry metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /** {@code work} in a new session and transaction, committed when its Uni completes. */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return timed("write", onFreshContext(() -> Panache.withTransaction(work::get)));
    }

    /** {@code work} in a new read-only session. */
    public <T> Uni<T> inSession(Supplier<Uni<T>> work) {
        return timed("read", onFreshContext(() -> Panache.withSession(work::get)));
    }

    /** Every unit of database work in {@code xhs_snapshot_db_seconds}, by kind and outcome. */
    private <T> Uni<T> timed(String kind, Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return work.onItemOrFailure().invoke((item, failure) -> Timer.builder("xhs.snapshot.db")
                    .description("Units of snapshot database work").tag("kind", kind)
                    .tag("outcome", failure == null ? "ok" : "failed").register(metrics)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    private <T> Uni<T> onFreshContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context current = Vertx.currentContext();
            Context base = current != null ? current : vertx.getOrCreateContext();
            Context fresh = VertxContext.createNewDuplicatedContext(base);
            VertxContextSafetyToggle.setContextSafe(fresh, true);
            fresh.runOnContext(ignored -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }
}
