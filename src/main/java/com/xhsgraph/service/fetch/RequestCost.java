package com.xhsgraph.service.fetch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;

import com.xhsgraph.service.model.UpstreamAttempt;

/**
 * What one request has cost and what its client should know about the data it got: upstream calls made (each
 * attempt), billed and retried, calls saved by single flight and by snapshots, and warnings (data served despite a
 * problem). It starts with the request and counts the upstream attempts made while the request's context is active.
 */
@RequestScoped
public class RequestCost {

    /** A warning about data that was served all the same; the codes are the API's. */
    public enum WarningCode {
        /** The upstream failed and a stored snapshot stood in. */
        STALE_SNAPSHOT,
        /** The snapshot database could not be read; the upstream answered. */
        SNAPSHOT_UNAVAILABLE,
        /** Fetched data could not be stored. */
        PERSISTENCE_FAILED
    }

    /** A warning returned in the response's {@code extensions.warnings}. */
    public record Warning(WarningCode code, String message) {}

    /**
     * Who pays for the request's upstream calls: the client, the day of its budget they count against, and the
     * budget lease (null: none) they are taken from.
     */
    public record Payer(String clientId, LocalDate day, Long leaseId) {}

    /** What the request cost, for {@code extensions.upstream}. */
    public record Totals(int calls, int billed, int retries, int savedBySingleFlight, int savedBySnapshots) {}

    private volatile long arrivedNanos = System.nanoTime();
    private volatile Instant arrivedAt;
    private volatile String cancelled;
    private volatile Payer payer;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger billed = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger savedBySingleFlight = new AtomicInteger();
    private final AtomicInteger savedBySnapshots = new AtomicInteger();
    private final Map<String, Warning> warnings = new ConcurrentSkipListMap<>();
    /** Calls and billed calls per endpoint path, for the client's budget and usage. */
    private final Map<String, long[]> byEndpoint = new java.util.concurrent.ConcurrentHashMap<>();

    /** When the request arrived ({@link System#nanoTime()}). */
    public long arrivedNanos() {
        return arrivedNanos;
    }

    /** When the request arrived, by the service's clock: what {@code maxAge} is measured from. */
    public Instant arrivedAt() {
        return arrivedAt;
    }

    /** Sets when the request arrived, before it waited for a slot; called as the request starts executing. */
    public void arrived(long nanos, Instant at) {
        arrivedNanos = nanos;
        arrivedAt = at;
    }

    RequestCost(TimeSource time) {
        this.arrivedAt = time.now();
    }

    void counted(@Observes(notifyObserver = Reception.IF_EXISTS) UpstreamAttempt attempt) {
        calls.incrementAndGet();
        if (attempt.billed()) {
            billed.incrementAndGet();
        }
        byEndpoint.compute(attempt.endpoint().path(), (path, counts) -> {
            long[] c = counts == null ? new long[2] : counts;
            c[0]++;
            c[1] += attempt.billed() ? 1 : 0;
            return c;
        });
        if (attempt.attempt() > 1) {
            retries.incrementAndGet();
        }
    }

    /** Sets who pays for the request's upstream calls; called as the request starts executing. */
    public void payer(Payer who) {
        payer = who;
    }

    /** Who pays for the request's upstream calls, or null when no client is charged. */
    public Payer payer() {
        return payer;
    }

    /** An upstream call was not made because an identical one in flight for another request was shared. */
    public void savedBySingleFlight() {
        savedBySingleFlight.incrementAndGet();
    }

    /** An upstream call was not made because a fresh enough snapshot answered. */
    public void savedBySnapshot() {
        savedBySnapshots.incrementAndGet();
    }

    /** A note for the client; repeated notes appear once. */
    public void warn(WarningCode code, String message) {
        warnings.putIfAbsent(code + "|" + message, new Warning(code, message));
    }

    public List<Warning> warnings() {
        return List.copyOf(warnings.values());
    }

    /** Calls and billed calls per endpoint path ({@code [calls, billed]}), a copy. */
    public Map<String, long[]> byEndpoint() {
        Map<String, long[]> copy = new java.util.TreeMap<>();
        byEndpoint.forEach((path, counts) -> copy.put(path, counts.clone()));
        return copy;
    }

    /** Stops the request from starting further upstream calls: its deadline passed or its client went away. */
    public void cancel(String why) {
        cancelled = why;
    }

    /** Why the request was cancelled, or null while it may still call the upstream. */
    public String cancelled() {
        return cancelled;
    }

    public Totals totals() {
        return new Totals(calls.get(), billed.get(), retries.get(), savedBySingleFlight.get(), savedBySnapshots.get());
    }
}
