package com.xhsgraph.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.mapping.JoaMapping;
import com.xhsgraph.service.SnapshotPolicy.Kind;
import com.xhsgraph.upstream.justoneapi.JustOneApiClient;
import com.xhsgraph.upstream.justoneapi.dto.JoaListNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaUser;

import io.smallrye.mutiny.Uni;

/**
 * Creators and their notes: from a fresh enough snapshot, else from the upstream (each call at most once per request,
 * each result stored after it is fetched).
 */
@ApplicationScoped
public class UserService {

    static final String NOTES = "notes";

    private final JustOneApiClient upstream;
    private final SnapshotService snapshots;
    private final SnapshotQueries stored;
    private final SnapshotFirst snapshotFirst;
    private final RequestLedger ledger;

    UserService(JustOneApiClient upstream, SnapshotService snapshots, SnapshotQueries stored,
            SnapshotFirst snapshotFirst, RequestLedger ledger) {
        this.upstream = upstream;
        this.snapshots = snapshots;
        this.stored = stored;
        this.snapshotFirst = snapshotFirst;
        this.ledger = ledger;
    }

    /** The creator's complete profile, no older than {@code maxAge} seconds (null: the configured default). */
    public Uni<ProfileData> profile(String userId, Integer maxAge) {
        return ledger.once(JustOneApiClient.USER + "|" + userId + "|" + maxAge,
                () -> snapshotFirst
                        .serve(JustOneApiClient.USER + "|" + userId, "the profile of " + userId, Kind.PROFILE, maxAge,
                                () -> stored.profile(userId),
                                () -> upstream.getUser(userId, ledger)
                                        .map(user -> JoaMapping.profile(withId(user, userId)))
                                        .call(snapshots::recordProfile))
                        .map(served -> served.value().withProvenance(served.provenance())));
    }

    /** The creator as last observed at or before {@code asOf}; from the snapshots only. */
    public Uni<ProfileData> profileAsOf(String userId, Instant asOf) {
        return ledger.once("asof|user|" + userId + "|" + asOf, () -> stored.profileAsOf(userId, asOf)
                .map(found -> found.map(s -> s.value().withProvenance(Provenance.snapshot(s.fetchedAt(), false)))
                        .orElseThrow(() -> new NotInSnapshotException(
                                "No observation of the profile of " + userId + " at or before " + asOf))));
    }

    /** A pager over the creator's notes, newest first after any pinned ones. */
    public Pager<NoteData> notes(String userId, Integer maxAge) {
        return new Pager<>(NOTES, userId, cursor -> notePage(userId, cursor, maxAge), NoteData::xhsId);
    }

    /** How many of the creator's notes are stored. */
    public Uni<Long> storedNotes(String userId) {
        return stored.storedNotes(userId);
    }

    private Uni<UpstreamPage<NoteData>> notePage(String userId, String cursor, Integer maxAge) {
        return ledger.once(JustOneApiClient.NOTE_LIST + "|" + userId + "|" + cursor + "|" + maxAge,
                () -> snapshotFirst.serve(JustOneApiClient.NOTE_LIST + "|" + userId + "|" + cursor,
                        "a page of the notes of " + userId, Kind.NOTE_LIST, maxAge,
                        () -> stored.notePage(NOTES, userId, cursor),
                        () -> upstream.getUserNotes(userId, cursor, ledger).map(UserService::page)
                                .call(page -> snapshots.recordNotePage(NOTES, userId, cursor, page)))
                        .map(served -> served.value().with(served.value().items().stream()
                                .map(n -> n.withProvenance(served.provenance())).toList(), served.provenance()))
                        .invoke(page -> ledger.rememberNotes(page.items())));
    }

    private static UpstreamPage<NoteData> page(JoaNoteListPage page) {
        List<JoaListNote> notes = page.notes() == null ? List.of() : page.notes();
        List<NoteData> items = notes.stream().filter(n -> n != null && n.id() != null).map(JoaMapping::listedNote)
                .toList();
        String next = page.cursor();
        if ((next == null || next.isBlank()) && !notes.isEmpty()) {
            JoaListNote last = notes.get(notes.size() - 1);
            next = last.cursor() != null && !last.cursor().isBlank() ? last.cursor() : last.id();
        }
        return new UpstreamPage<>(items, Boolean.TRUE.equals(page.hasMore()), next, null, null);
    }

    private static JoaUser withId(JoaUser user, String userId) {
        if (user.userid() != null && !user.userid().isBlank()) {
            return user;
        }
        return new JoaUser(userId, user.redId(), user.nickname(), user.desc(), user.images(), user.imageb(),
                user.gender(), user.ipLocation(), user.fans(), user.follows(), user.liked(), user.collected(),
                user.ndiscovery(), user.redOfficialVerified(), user.redOfficialVerifyType(),
                user.redOfficialVerifyContent(), user.shareLink());
    }
}
