package com.xhsgraph.service;

import static com.xhsgraph.mapping.SnapshotMapping.instant;
import static com.xhsgraph.mapping.SnapshotMapping.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.mapping.SnapshotMapping;
import com.xhsgraph.snapshot.CommentSnapshotRepository;
import com.xhsgraph.snapshot.IsolatedSessions;
import com.xhsgraph.snapshot.NoteObservationSnapshot;
import com.xhsgraph.snapshot.NoteSnapshot;
import com.xhsgraph.snapshot.NoteSnapshotRepository;
import com.xhsgraph.snapshot.PageSnapshot;
import com.xhsgraph.snapshot.PageSnapshotRepository;
import com.xhsgraph.snapshot.UserObservationSnapshot;
import com.xhsgraph.snapshot.UserSnapshot;
import com.xhsgraph.snapshot.UserSnapshotRepository;

import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Reads of the snapshots: stored profiles, details and pages, counts, histories and past states. */
@ApplicationScoped
public class SnapshotQueries {

    private final IsolatedSessions sessions;
    private final UserSnapshotRepository users;
    private final NoteSnapshotRepository notes;
    private final CommentSnapshotRepository comments;
    private final PageSnapshotRepository pages;

    SnapshotQueries(IsolatedSessions sessions, UserSnapshotRepository users, NoteSnapshotRepository notes,
            CommentSnapshotRepository comments, PageSnapshotRepository pages) {
        this.sessions = sessions;
        this.users = users;
        this.notes = notes;
        this.comments = comments;
        this.pages = pages;
    }

    /** The stored complete profile, if the profile endpoint was ever called for this creator. */
    public Uni<Optional<Stored<ProfileData>>> profile(String userId) {
        return sessions.inSession(() -> users.findById(userId)).map(u -> u == null || u.profileFetchedAt == null
                ? Optional.empty()
                : Optional.of(new Stored<>(SnapshotMapping.profile(u, null), instant(u.profileFetchedAt))));
    }

    /** The stored note detail, if the detail endpoint was ever called for this note. */
    public Uni<Optional<Stored<NoteData>>> detail(String noteId) {
        return sessions.inSession(() -> notes.findById(noteId).flatMap(n -> {
            if (n == null || n.detailFetchedAt == null) {
                return Uni.createFrom().item(Optional.<Stored<NoteData>>empty());
            }
            Uni<UserSnapshot> author = n.authorId == null ? Uni.createFrom().nullItem() : users.findById(n.authorId);
            return author.map(a -> Optional.of(new Stored<>(SnapshotMapping.note(n, a, null),
                    instant(n.detailFetchedAt))));
        }));
    }

    /** A stored page of a creator's notes, with the notes as stored now; empty if any is missing. */
    public Uni<Optional<Stored<UpstreamPage<NoteData>>>> notePage(String listKind, String scope, String cursor) {
        return sessions.inSession(() -> pages.findById(new PageSnapshot.Key(listKind, scope, cursor))
                .flatMap(page -> {
                    if (page == null) {
                        return Uni.createFrom().item(Optional.<Stored<UpstreamPage<NoteData>>>empty());
                    }
                    List<String> ids = ids(page);
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(Optional.of(stored(page, List.<NoteData>of())));
                    }
                    return notes.list("xhsId in ?1", ids).flatMap(found -> {
                        List<String> authorIds = found.stream().map(n -> n.authorId).filter(a -> a != null)
                                .distinct().toList();
                        Uni<List<UserSnapshot>> authors = authorIds.isEmpty()
                                ? Uni.createFrom().item(List.of())
                                : users.list("xhsId in ?1", authorIds);
                        return authors.map(as -> {
                            Map<String, UserSnapshot> byId = index(as, a -> a.xhsId);
                            return ordered(ids, found, n -> n.xhsId,
                                    n -> SnapshotMapping.note(n, byId.get(n.authorId), null))
                                    .map(items -> stored(page, items));
                        });
                    });
                }));
    }

    /** A stored page of comments or replies, with the comments as stored now; empty if any is missing. */
    public Uni<Optional<Stored<UpstreamPage<CommentData>>>> commentPage(String listKind, String scope,
            String cursor) {
        return sessions.inSession(() -> pages.findById(new PageSnapshot.Key(listKind, scope, cursor))
                .flatMap(page -> {
                    if (page == null) {
                        return Uni.createFrom().item(Optional.<Stored<UpstreamPage<CommentData>>>empty());
                    }
                    List<String> ids = ids(page);
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(Optional.of(stored(page, List.<CommentData>of())));
                    }
                    return comments.list("xhsId in ?1", ids).map(found -> ordered(ids, found, c -> c.xhsId,
                            c -> SnapshotMapping.comment(c, null)).map(items -> stored(page, items)));
                }));
    }

    /** Stored comments by id, in no particular order; ids not stored are absent. */
    public Uni<List<CommentData>> commentsByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> list = List.copyOf(ids);
        return sessions.inSession(() -> comments.list("xhsId in ?1", list))
                .map(found -> found.stream()
                        .map(c -> SnapshotMapping.comment(c, Provenance.snapshot(instant(c.updatedAt), false)))
                        .toList());
    }

    /** How many notes of a creator are stored. */
    public Uni<Long> storedNotes(String userId) {
        return sessions.inSession(() -> notes.count("authorId", userId));
    }

    /** How many top-level comments of a note are stored. */
    public Uni<Long> storedComments(String noteId) {
        return sessions.inSession(() -> comments.count("noteId = ?1 and rootId is null", noteId));
    }

    /** How many replies of a thread are stored. */
    public Uni<Long> storedReplies(String rootId) {
        return sessions.inSession(() -> comments.count("rootId", rootId));
    }

    /** Every observation of a creator's counters in [since, until], oldest first. */
    public Uni<List<UserObservationSnapshot>> userHistory(String userId, Instant since, Instant until) {
        return sessions.inSession(() -> UserObservationSnapshot.<UserObservationSnapshot>find(
                "userId = :id and observedAt >= :since and observedAt <= :until order by observedAt, id",
                window(userId, since, until)).list());
    }

    /** Every observation of a note's counters in [since, until], oldest first. */
    public Uni<List<NoteObservationSnapshot>> noteHistory(String noteId, Instant since, Instant until) {
        return sessions.inSession(() -> NoteObservationSnapshot.<NoteObservationSnapshot>find(
                "noteId = :id and observedAt >= :since and observedAt <= :until order by observedAt, id",
                window(noteId, since, until)).list());
    }

    /** The creator as last observed at or before {@code asOf}. */
    public Uni<Optional<Stored<ProfileData>>> profileAsOf(String userId, Instant asOf) {
        return sessions.inSession(() -> UserObservationSnapshot.<UserObservationSnapshot>find(
                "userId = ?1 and observedAt <= ?2 order by observedAt desc, id desc", userId, utc(asOf))
                .firstResult()
                .flatMap(o -> o == null
                        ? Uni.createFrom().item(Optional.<Stored<ProfileData>>empty())
                        : users.findById(userId).map(u -> Optional.of(new Stored<>(pastProfile(userId, u, o),
                                instant(o.observedAt))))));
    }

    /** The note as last observed at or before {@code asOf}: counters and title then, other fields as stored now. */
    public Uni<Optional<Stored<NoteData>>> noteAsOf(String noteId, Instant asOf) {
        return sessions.inSession(() -> NoteObservationSnapshot.<NoteObservationSnapshot>find(
                "noteId = ?1 and observedAt <= ?2 order by observedAt desc, id desc", noteId, utc(asOf))
                .firstResult()
                .flatMap(o -> o == null
                        ? Uni.createFrom().item(Optional.<Stored<NoteData>>empty())
                        : notes.findById(noteId).flatMap(n -> {
                            Uni<UserSnapshot> author = n == null || n.authorId == null
                                    ? Uni.createFrom().nullItem()
                                    : users.findById(n.authorId);
                            return author.map(a -> Optional.of(new Stored<>(pastNote(n, a, o),
                                    instant(o.observedAt))));
                        })));
    }

    private static ProfileData pastProfile(String userId, UserSnapshot now, UserObservationSnapshot o) {
        Boolean verified = now == null ? null : now.verified;
        return new ProfileData(userId, o.redId, o.nickname, o.avatarUrl, o.bio, o.ipLocation,
                now == null ? null : now.gender, o.followerCount, o.followingCount, o.likedCount, o.collectedCount,
                o.noteCount, verified, true, null);
    }

    private static NoteData pastNote(NoteSnapshot now, UserSnapshot author, NoteObservationSnapshot o) {
        NoteData current = SnapshotMapping.note(now, author, null);
        return new NoteData(current.xhsId(), current.author(), o.title != null ? o.title : current.title(),
                current.excerpt(), current.text(), current.type(), current.pinned(), current.publishedAt(),
                current.editedAt(), o.likeCount, o.commentCount, o.collectCount, o.shareCount, current.ipLocation(),
                current.images(), current.fromDetail(), null);
    }

    private static Parameters window(String id, Instant since, Instant until) {
        return Parameters.with("id", id)
                .and("since", utc(since == null ? Instant.EPOCH : since))
                .and("until", utc(until == null ? Instant.parse("9999-12-31T00:00:00Z") : until));
    }

    private static List<String> ids(PageSnapshot page) {
        return page.itemIds == null || page.itemIds.isEmpty() ? List.of() : Arrays.asList(page.itemIds.split(","));
    }

    private static <T> Stored<UpstreamPage<T>> stored(PageSnapshot page, List<T> items) {
        return new Stored<>(new UpstreamPage<>(items, page.hasMore, page.nextCursor, page.totalCount, null),
                instant(page.fetchedAt));
    }

    /** The items in page order, or empty when any of them is missing from the store. */
    private static <E, T> Optional<List<T>> ordered(List<String> ids, List<E> found, Function<E, String> idOf,
            Function<E, T> map) {
        Map<String, E> byId = index(found, idOf);
        List<T> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            E entity = byId.get(id);
            if (entity == null) {
                return Optional.empty();
            }
            items.add(map.apply(entity));
        }
        return Optional.of(items);
    }

    private static <E> Map<String, E> index(List<E> entities, Function<E, String> idOf) {
        Map<String, E> byId = new HashMap<>();
        for (E e : entities) {
            byId.put(idOf.apply(e), e);
        }
        return byId;
    }
}
