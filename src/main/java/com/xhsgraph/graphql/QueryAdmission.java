package com.xhsgraph.graphql;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.config.XhsConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets at most {@code xhs.graph.max-concurrent-queries} GraphQL queries execute at once; the others wait, in arrival
 * order, for a slot, and are refused with {@code OVERLOADED} (HTTP 503, {@code Retry-After}) after
 * {@code xhs.graph.queue-timeout} or when more than {@code xhs.graph.max-queued-queries} are already waiting.
 * <p>
 * A query in flight holds its whole execution state (every field's environment, context and result so far) until it
 * completes; a hundred nested queries arriving at once, all waiting for the same upstream pages, would otherwise fill
 * the heap. Waiting costs nothing but the request: its body is already read (the budget check runs first), and no
 * thread is held.
 * <p>
 * A slot is given back when the response's body has been written. The GraphQL handler takes over the response's end
 * and close handlers (so Vert.x Web's end handlers never run); a slot whose response ended or whose connection closed
 * without that (a client that went away) is reclaimed whenever all slots are taken.
 */
@ApplicationScoped
public class QueryAdmission {

    static final String CODE = "OVERLOADED";

    private final XhsConfig config;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final AtomicInteger running = new AtomicInteger();
    private final Set<RoutingContext> admitted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    QueryAdmission(XhsConfig config, ObjectMapper json, MeterRegistry metrics, Vertx vertx) {
        this.config = config;
        this.json = json;
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
        final AtomicBoolean claimed = new AtomicBoolean();
        volatile long timer = -1;

        Waiting(RoutingContext request, Context context) {
            this.request = request;
            this.context = context;
        }
    }

    void install(@Observes Router router) {
        router.route(GraphQLRoutes.PATH).order(GraphQLRoutes.ADMIT).method(HttpMethod.POST).method(HttpMethod.GET)
                .handler(this::admit);
    }

    private void admit(RoutingContext request) {
        if (tryAcquire() || (reclaim() && tryAcquire())) {
            start(request);
            return;
        }
        if (waitingCount.incrementAndGet() > config.graph().maxQueuedQueries()) {
            waitingCount.decrementAndGet();
            refuse(request, "too many queries are waiting");
            return;
        }
        Waiting w = new Waiting(request, vertx.getOrCreateContext());
        waiting.add(w);
        w.timer = vertx.setTimer(Math.max(1, config.graph().queueTimeout().toMillis()), id -> {
            reclaim();
            if (w.claimed.compareAndSet(false, true)) {
                waiting.remove(w);
                waitingCount.decrementAndGet();
                refuse(request, "no slot became free within " + config.graph().queueTimeout().toMillis() + " ms");
            }
        });
        // a slot may have been given back between tryAcquire and the add
        drain();
    }

    private void start(RoutingContext request) {
        admitted.add(request);
        request.addBodyEndHandler(written -> release(request));
        request.next();
    }

    private void release(RoutingContext request) {
        if (admitted.remove(request)) {
            running.decrementAndGet();
            drain();
        }
    }

    /** Gives back the slots of responses that ended or whose connection closed; true when there was one. */
    private boolean reclaim() {
        boolean any = false;
        for (RoutingContext request : admitted) {
            if (gone(request)) {
                release(request);
                any = true;
            }
        }
        return any;
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
            if (gone(next.request)) {
                running.decrementAndGet();
                continue;
            }
            next.context.runOnContext(v -> start(next.request));
        }
    }

    private void refuse(RoutingContext request, String why) {
        metrics.counter("xhs.graphql.queries.refused").increment();
        if (!gone(request)) {
            GraphQLRoutes.respond(request, json, 503, GraphQLRoutes.error(
                    "The service is busy (" + why + "); try again shortly", Map.of("code", CODE)), "retry-after", "1");
        }
    }

    /** Whether the response was already written or its connection closed. */
    private static boolean gone(RoutingContext request) {
        return request.response().ended() || request.response().closed();
    }
}
