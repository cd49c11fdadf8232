package com.xhsgraph.service;

import static com.xhsgraph.mapping.SnapshotMapping.utc;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.mapping.SnapshotMapping;
import com.xhsgraph.snapshot.CommentSnapshotRepository;
import com.xhsgraph.snapshot.IsolatedSessions;
import com.xhsgraph.snapshot.NoteSnapshotRepository;
import com.xhsgraph.snapshot.UserSnapshotRepository;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Persists what the upstream returned, in a short transaction after each fetch (never around one). A failed write is
 * logged and reported to the request; it never fails the query whose data was already fetched and paid for.
 */
@ApplicationScoped
public class SnapshotService {

    private final IsolatedSessions sessions;
    private final UserSnapshotRepository users;
    private final NoteSnapshotRepository notes;
    private final CommentSnapshotRepository comments;
    private final TimeSource time;
    private final RequestLedger ledger;

    SnapshotService(IsolatedSessions sessions, UserSnapshotRepository users, NoteSnapshotRepository notes,
            CommentSnapshotRepository comments, TimeSource time, RequestLedger ledger) {
        this.sessions = sessions;
        this.users = users;
        this.notes = notes;
        this.comments = comments;
        this.time = time;
        this.ledger = ledger;
    }

    /** Records a complete profile and an observation of its counters. */
    public Uni<Void> recordProfile(ProfileData profile) {
        OffsetDateTime at = utc(time.now());
        return write("profile", () -> users.upsert(List.of(profile), at));
    }

    /** Records notes (from the list or the detail), their counters, and what they tell of their authors. */
    public Uni<Void> recordNotes(Collection<NoteData> fetched) {
        if (fetched.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = utc(time.now());
        List<ProfileData> authors = fetched.stream().map(NoteData::author).filter(Objects::nonNull).toList();
        return write("notes", () -> users.upsert(authors, at).flatMap(ignored -> notes.upsert(fetched, at)));
    }

    /** Records comments or replies (and inline reply previews) with their counters. */
    public Uni<Void> recordComments(Collection<CommentData> fetched) {
        if (fetched.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = utc(time.now());
        List<CommentData> rows = new ArrayList<>(fetched);
        return write("comments", () -> comments.upsert(rows, at));
    }

    /** Stored comments by id, in no particular order; ids not stored are absent. */
    public Uni<List<CommentData>> commentsByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> list = List.copyOf(ids);
        return sessions.inSession(() -> comments.list("xhsId in ?1", list))
                .map(found -> found.stream().map(SnapshotMapping::comment).toList());
    }

    private Uni<Void> write(String what, java.util.function.Supplier<Uni<Void>> work) {
        return sessions.inTransaction(work)
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Could not store %s snapshot: %s", what, failure.toString());
                    ledger.persistenceFailed();
                    return Uni.createFrom().voidItem();
                });
    }
}
