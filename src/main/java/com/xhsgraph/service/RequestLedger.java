package com.xhsgraph.service;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import com.xhsgraph.upstream.justoneapi.UpstreamCallObserver;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * What one GraphQL request has fetched so far. It makes sure the request never pays for the same upstream call twice
 * (the first caller's Uni is shared, in flight or done) and remembers the items that came back, so that a field that
 * needs an item already seen in a listing does not fetch it again.
 */
@RequestScoped
@Named(RequestLedger.BEAN_NAME)
public class RequestLedger implements UpstreamCallObserver, Function<Boolean, Map<String, Object>> {

    /** The bean's name, for the GraphQL eventing service that calls {@link #apply(Boolean)} after each request. */
    public static final String BEAN_NAME = "xhsRequestLedger";

    private final long startedNanos = System.nanoTime();
    private final MeterRegistry metrics;
    private final Map<String, Uni<?>> once = new ConcurrentHashMap<>();
    private final Map<String, NoteData> notes = new ConcurrentHashMap<>();
    private final Map<String, CommentData> comments = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger billed = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger savedBySingleFlight = new AtomicInteger();
    private final AtomicInteger savedBySnapshots = new AtomicInteger();
    private final AtomicInteger persistenceFailures = new AtomicInteger();
    private final Map<String, Warning> warnings = new ConcurrentSkipListMap<>();

    /** When this request started using the ledger ({@link System#nanoTime()}). */
    public long startedNanos() {
        return startedNanos;
    }

    /** The result of {@code call}, made at most once per request for the same {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> once(String key, Supplier<Uni<T>> call) {
        return (Uni<T>) once.computeIfAbsent(key,
                k -> Uni.createFrom().<T>deferred(call::get).memoize().indefinitely());
    }

    public void rememberNotes(Collection<NoteData> seen) {
        for (NoteData n : seen) {
            notes.merge(n.xhsId(), n, (old, neu) -> old.fromDetail() && !neu.fromDetail() ? old : neu);
        }
    }

    public NoteData note(String xhsId) {
        return notes.get(xhsId);
    }

    public void rememberComments(Collection<CommentData> seen) {
        for (CommentData c : seen) {
            if (c.complete()) {
                comments.put(c.xhsId(), c);
            }
        }
    }

    public CommentData comment(String xhsId) {
        return comments.get(xhsId);
    }

    public void persistenceFailed() {
        persistenceFailures.incrementAndGet();
        warn("PERSISTENCE_FAILED", "Fetched data could not be stored; it was returned all the same");
    }

    /** A note for the client, returned in the response's {@code extensions.warnings}; repeated notes appear once. */
    public void warn(String code, String message) {
        warnings.putIfAbsent(code + "|" + message, new Warning(code, message));
    }

    public List<Warning> warnings() {
        return List.copyOf(warnings.values());
    }

    /** A warning about data that was served all the same. */
    public record Warning(String code, String message) {}

    public int persistenceFailures() {
        return persistenceFailures.get();
    }

    @Override
    public void called(String endpoint) {
        calls.incrementAndGet();
    }

    @Override
    public void billed(String endpoint) {
        billed.incrementAndGet();
    }

    @Override
    public void retried(String endpoint) {
        retries.incrementAndGet();
    }

    /** An upstream call was not made because an identical one in flight for another request was shared. */
    public void savedBySingleFlight() {
        savedBySingleFlight.incrementAndGet();
    }

    /** An upstream call was not made because a fresh enough snapshot answered. */
    public void savedBySnapshot() {
        savedBySnapshots.incrementAndGet();
    }

    RequestLedger(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /**
     * Ends the request: records it in the metrics ({@code xhs_graphql_requests}, by whether it had errors and whether
     * it cost upstream calls), and returns its response extensions: {@code upstream} (what it cost) always,
     * {@code warnings} when there are any.
     */
    @Override
    public Map<String, Object> apply(Boolean hadErrors) {
        Timer.builder("xhs.graphql.requests").description("GraphQL requests, by outcome")
                .tag("errors", String.valueOf(Boolean.TRUE.equals(hadErrors)))
                .tag("upstream", calls.get() > 0 ? "called" : "none")
                .publishPercentileHistogram()
                .register(metrics).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        Map<String, Object> extensions = new LinkedHashMap<>();
        Map<String, Object> upstream = new LinkedHashMap<>();
        upstream.put("calls", calls.get());
        upstream.put("billed", billed.get());
        upstream.put("retries", retries.get());
        upstream.put("savedBySingleFlight", savedBySingleFlight.get());
        upstream.put("savedBySnapshots", savedBySnapshots.get());
        extensions.put("upstream", upstream);
        List<Warning> all = warnings();
        if (!all.isEmpty()) {
            extensions.put("warnings", all.stream().map(w -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("code", w.code());
                entry.put("message", w.message());
                return entry;
            }).toList());
        }
        return extensions;
    }

}
