package com.xhsgraph.service.fetch;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;

import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.NoteData;

import io.smallrye.mutiny.Uni;

/**
 * What one request has fetched so far: the result of each call (shared by every field that needs it, in flight or
 * done, so the request never pays for the same call twice), and the notes and comments that came back, so that a field
 * that needs an item a listing already returned does not fetch it again.
 */
@RequestScoped
public class RequestCache {

    private final Map<Object, Uni<?>> once = new ConcurrentHashMap<>();
    private final Map<String, NoteData> notes = new ConcurrentHashMap<>();
    private final Map<String, CommentData> comments = new ConcurrentHashMap<>();

    /** The result of {@code work}, made at most once per request for the same {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> once(Object key, Supplier<Uni<T>> work) {
        return (Uni<T>) once.computeIfAbsent(key,
                k -> Uni.createFrom().<T>deferred(work::get).memoize().indefinitely());
    }

    /** Remembers notes a listing or a detail returned; what a detail said wins over what a listing said. */
    public void rememberNotes(Collection<NoteData> seen) {
        for (NoteData n : seen) {
            notes.merge(n.xhsId(), n, (old, neu) -> old.fromDetail() && !neu.fromDetail() ? old : neu);
        }
    }

    /** The note as this request saw it, or null. */
    public NoteData note(String xhsId) {
        return notes.get(xhsId);
    }

    /** Remembers the complete comments a page returned. */
    public void rememberComments(Collection<CommentData> seen) {
        for (CommentData c : seen) {
            if (c.complete()) {
                comments.put(c.xhsId(), c);
            }
        }
    }

    /** The comment as this request saw it, or null. */
    public CommentData comment(String xhsId) {
        return comments.get(xhsId);
    }
}
