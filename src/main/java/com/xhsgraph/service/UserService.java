package com.xhsgraph.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.mapping.JoaMapping;
import com.xhsgraph.upstream.justoneapi.JustOneApiClient;
import com.xhsgraph.upstream.justoneapi.dto.JoaListNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaUser;

import io.smallrye.mutiny.Uni;

/** Creators and their notes: each upstream call at most once per request, each result stored after it is fetched. */
@ApplicationScoped
public class UserService {

    private final JustOneApiClient upstream;
    private final SnapshotService snapshots;
    private final RequestLedger ledger;

    UserService(JustOneApiClient upstream, SnapshotService snapshots, RequestLedger ledger) {
        this.upstream = upstream;
        this.snapshots = snapshots;
        this.ledger = ledger;
    }

    /** The creator's complete profile. */
    public Uni<ProfileData> profile(String userId) {
        return ledger.once(JustOneApiClient.USER + "|" + userId, () -> upstream.getUser(userId)
                .map(user -> JoaMapping.profile(withId(user, userId)))
                .call(snapshots::recordProfile));
    }

    /** A pager over the creator's notes, newest first after any pinned ones. */
    public Pager<NoteData> notes(String userId) {
        return new Pager<>("notes", userId, cursor -> notePage(userId, cursor), NoteData::xhsId);
    }

    private Uni<UpstreamPage<NoteData>> notePage(String userId, String cursor) {
        return ledger.once(JustOneApiClient.NOTE_LIST + "|" + userId + "|" + cursor,
                () -> upstream.getUserNotes(userId, cursor).map(UserService::page)
                        .call(page -> snapshots.recordNotes(page.items()))
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
        return new UpstreamPage<>(items, Boolean.TRUE.equals(page.hasMore()), next, null);
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
