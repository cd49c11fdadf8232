package com.xhsgraph.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;

import io.smallrye.mutiny.Uni;

/**
 * What one GraphQL request has fetched so far. It makes sure the request never pays for the same upstream call twice
 * (the first caller's Uni is shared, in flight or done) and remembers the items that came back, so that a field that
 * needs an item already seen in a listing does not fetch it again.
 */
@RequestScoped
public class RequestLedger {

    private final Map<String, Uni<?>> calls = new ConcurrentHashMap<>();
    private final Map<String, NoteData> notes = new ConcurrentHashMap<>();
    private final Map<String, CommentData> comments = new ConcurrentHashMap<>();
    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private final AtomicInteger persistenceFailures = new AtomicInteger();
    private final Map<String, Warning> warnings = new ConcurrentSkipListMap<>();

    /** The result of {@code call}, made at most once per request for the same {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> once(String key, Supplier<Uni<T>> call) {
        return (Uni<T>) calls.computeIfAbsent(key, k -> {
            upstreamCalls.incrementAndGet();
            return Uni.createFrom().<T>deferred(call::get).memoize().indefinitely();
        });
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

    /** Distinct upstream calls this request started. */
    public int upstreamCalls() {
        return upstreamCalls.get();
    }
}
