package com.xhsgraph.service;

import static com.xhsgraph.mapping.SnapshotMapping.utc;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.snapshot.CommentSnapshotRepository;
import com.xhsgraph.snapshot.IsolatedSessions;
import com.xhsgraph.snapshot.NoteSnapshotRepository;
import com.xhsgraph.snapshot.PageSnapshot;
import com.xhsgraph.snapshot.PageSnapshotRepository;
import com.xhsgraph.snapshot.UserSnapshotRepository;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Persists what the upstream returned, in a short transaction after each fetch (never around one). A failed write is
 * logged and reported to the request as a warning; it never fails the query whose data was already fetched and paid
 * for.
 */
@ApplicationScoped
public class SnapshotService {

    private final IsolatedSessions sessions;
    private final UserSnapshotRepository users;
    private final NoteSnapshotRepository notes;
    private final CommentSnapshotRepository comments;
    private final PageSnapshotRepository pages;
    private final TimeSource time;
    private final RequestLedger ledger;
    private final SnapshotPolicy policy;

    SnapshotService(IsolatedSessions sessions, UserSnapshotRepository users, NoteSnapshotRepository notes,
            CommentSnapshotRepository comments, PageSnapshotRepository pages, TimeSource time, RequestLedger ledger,
            SnapshotPolicy policy) {
        this.sessions = sessions;
        this.users = users;
        this.notes = notes;
        this.comments = comments;
        this.pages = pages;
        this.time = time;
        this.ledger = ledger;
        this.policy = policy;
    }

    /** Records a complete profile and an observation of its counters. */
    public Uni<Void> recordProfile(ProfileData profile) {
        OffsetDateTime at = utc(time.now());
        return write("profile", () -> users.upsert(List.of(profile), at));
    }

    /** Records a note detail, its counters and what it tells of its author. */
    public Uni<Void> recordDetail(NoteData note) {
        OffsetDateTime at = utc(time.now());
        return write("note", () -> users.upsert(authors(List.of(note)), at)
                .flatMap(ignored -> notes.upsert(List.of(note), at)));
    }

    /** Records a page of a creator's notes: the notes, their counters, their authors and the page itself. */
    public Uni<Void> recordNotePage(String listKind, String scope, String cursor, UpstreamPage<NoteData> page) {
        OffsetDateTime at = utc(time.now());
        return write("note page", () -> users.upsert(authors(page.items()), at)
                .flatMap(ignored -> notes.upsert(page.items(), at))
                .flatMap(ignored -> pages.upsert(new PageSnapshot.Key(listKind, scope, cursor),
                        page.ids(NoteData::xhsId), page.nextCursor(), page.hasMore(), page.totalCount(), at)));
    }

    /**
     * Records a page of comments or replies with their counters and the page itself, and {@code alsoSeen}
     * (the inline reply previews a comment page carries).
     */
    public Uni<Void> recordCommentPage(String listKind, String scope, String cursor, UpstreamPage<CommentData> page,
            Collection<CommentData> alsoSeen) {
        OffsetDateTime at = utc(time.now());
        List<CommentData> rows = new ArrayList<>(page.items());
        rows.addAll(alsoSeen);
        return write("comment page", () -> comments.upsert(rows, at)
                .flatMap(ignored -> pages.upsert(new PageSnapshot.Key(listKind, scope, cursor),
                        page.ids(CommentData::xhsId), page.nextCursor(), page.hasMore(), page.totalCount(), at)));
    }

    private static List<ProfileData> authors(Collection<NoteData> fetched) {
        return fetched.stream().map(NoteData::author).filter(Objects::nonNull).toList();
    }

    private Uni<Void> write(String what, Supplier<Uni<Void>> work) {
        if (!policy.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.inTransaction(work)
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Could not store a %s snapshot: %s", what, failure.toString());
                    ledger.persistenceFailed();
                    return Uni.createFrom().voidItem();
                });
    }
}
