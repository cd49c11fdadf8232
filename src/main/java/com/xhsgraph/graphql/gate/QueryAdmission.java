package com.xhsgraph.graphql.gate;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.config.XhsConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets at most {@code xhs.graph.max-concurrent-queries} GraphQL queries execute at once; the others wait, in arrival
 * order, for a slot, and are refused (HTTP 503 {@code OVERLOADED}) after {@code xhs.graph.queue-timeout} or when more
 * than {@code xhs.graph.max-queued-queries} are already waiting.
 * <p>
 * A query in flight holds its whole execution state (every field's environment, context and result so far) until it
 * completes; a hundred nested queries arriving at once, all waiting for the same upstream pages, would otherwise fill
 * the heap. Waiting costs nothing but the request: its body is already read and checked, and no thread is held. A slot
 * is given back when the query's work has stopped, not when its response ended: a query past its deadline, or whose
 * client went away, keeps its slot until its calls in flight have finished.
 */
@ApplicationScoped
public class QueryAdmission {

    /** Why a query was refused; the caller answers the client. */
    public interface Refusal {
        void refuse(RoutingContext request, String why);
    }

    private final XhsConfig config;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    QueryAdmission(XhsConfig config, MeterRegistry metrics, Vertx vertx) {
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
        Gauge.builder("xhs.graphql.queries.running", running, AtomicInteger::get)
                .description("GraphQL queries executing now").register(metrics);
        Gauge.builder("xhs.graphql.queries.waiting", waitingCount, AtomicInteger::get)
                .description("GraphQL queries waiting for a slot").register(metrics);
    }

    /** A query waiting for a slot; admitted or timed out, whichever claims it first. */
    private static final class Waiting {
        final RoutingContext request;
        final Context context;
        final Consumer<Runnable> start;
        final AtomicBoolean claimed = new AtomicBoolean();
        volatile long timer = -1;

        Waiting(RoutingContext request, Context context, Consumer<Runnable> start) {
            this.request = request;
            this.context = context;
            this.start = start;
        }
    }

    /**
     * Runs {@code start} when a slot is free (now, or later in arrival order), or calls {@code refusal}. {@code start}
     * gets the slot's release, to run once when its work has stopped.
     */
    public void admit(RoutingContext request, Consumer<Runnable> start, Refusal refusal) {
        if (tryAcquire()) {
            run(request, start);
            return;
        }
        if (waitingCount.incrementAndGet() > config.graph().maxQueuedQueries()) {
            waitingCount.decrementAndGet();
            refused(request, refusal, "too many queries are waiting");
            return;
        }
        Waiting w = new Waiting(request, vertx.getOrCreateContext(), start);
        waiting.add(w);
        long timeout = Math.max(1, config.graph().queueTimeout().toMillis());
        w.timer = vertx.setTimer(timeout, id -> {
            if (w.claimed.compareAndSet(false, true)) {
                waiting.remove(w);
                waitingCount.decrementAndGet();
                refused(request, refusal, "no slot became free within " + timeout + " ms");
            }
        });
        // a slot may have been given back between tryAcquire and the add
        drain();
    }

    private void run(RoutingContext request, Consumer<Runnable> start) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                running.decrementAndGet();
                drain();
            }
        };
        try {
            start.accept(release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private boolean tryAcquire() {
        int max = Math.max(1, config.graph().maxConcurrentQueries());
        while (true) {
            int now = running.get();
            if (now >= max) {
                return false;
            }
            if (running.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private void drain() {
        while (waiting.peek() != null && tryAcquire()) {
            Waiting next = waiting.poll();
            if (next == null || !next.claimed.compareAndSet(false, true)) {
                running.decrementAndGet();
                continue;
            }
            waitingCount.decrementAndGet();
            vertx.cancelTimer(next.timer);
            if (next.request.response().ended() || next.request.response().closed()) {
                running.decrementAndGet();
                continue;
            }
            next.context.runOnContext(v -> run(next.request, next.start));
        }
    }

    private void refused(RoutingContext request, Refusal refusal, String why) {
        metrics.counter("xhs.graphql.queries.refused").increment();
        if (!request.response().ended() && !request.response().closed()) {
            refusal.refuse(request, why);
        }
    }
}
