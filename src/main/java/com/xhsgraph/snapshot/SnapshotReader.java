package com.xhsgraph.snapshot;

import static com.xhsgraph.snapshot.SnapshotMapping.instant;
import static com.xhsgraph.snapshot.SnapshotMapping.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.Fetched;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.Provenance;
import com.xhsgraph.service.model.ShareTarget;
import com.xhsgraph.service.model.Usage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Reads the snapshots: stored profiles, details and pages (each batch of keys in one round of queries), comments,
 * counts, histories, past states and usage. Every read runs in a session of its own.
 */
@ApplicationScoped
public class SnapshotReader {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final IsolatedSessions sessions;

    SnapshotReader(IsolatedSessions sessions) {
        this.sessions = sessions;
    }

    /** The stored complete profiles among {@code userIds}: those the profile endpoint was called for. */
    public Uni<Map<String, Fetched<ProfileData>>> profiles(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = List.copyOf(userIds);
        return sessions.inSession(() -> UserSnapshot.<UserSnapshot>list("xhsId in ?1 and profileFetchedAt is not null",
                ids)).map(found -> {
                    Map<String, Fetched<ProfileData>> byId = new HashMap<>();
                    for (UserSnapshot u : found) {
                        byId.put(u.xhsId, Fetched.stored(SnapshotMapping.profile(u, null),
                                instant(u.profileFetchedAt)));
                    }
                    return byId;
                });
    }

    /** The stored note details among {@code noteIds}, with what is stored of their authors. */
    public Uni<Map<String, Fetched<NoteData>>> details(Collection<String> noteIds) {
        if (noteIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = List.copyOf(noteIds);
        return sessions.inSession(() -> NoteSnapshot.<NoteSnapshot>list("xhsId in ?1 and detailFetchedAt is not null",
                ids).flatMap(notes -> authorsOf(notes).map(authors -> {
                    Map<String, Fetched<NoteData>> byId = new HashMap<>();
                    for (NoteSnapshot n : notes) {
                        byId.put(n.xhsId, Fetched.stored(SnapshotMapping.note(n, authors.get(n.authorId), null),
                                instant(n.detailFetchedAt)));
                    }
                    return byId;
                })));
    }

    /**
     * Stored pages of creators' notes, with the notes as stored now; a page some of whose notes are missing counts as
     * not stored.
     */
    public Uni<Map<CallKey, Fetched<Page<NoteData>>>> notePages(Collection<CallKey> keys) {
        return pages(keys, ids -> NoteSnapshot.<NoteSnapshot>list("xhsId in ?1", ids)
                .flatMap(notes -> authorsOf(notes).map(authors -> index(notes, n -> n.xhsId,
                        n -> SnapshotMapping.note(n, authors.get(n.authorId), null)))));
    }

    /**
     * Stored pages of comments or replies, with the comments as stored now (top-level ones with the replies their page
     * previewed); incomplete pages count as not stored.
     */
    public Uni<Map<CallKey, Fetched<Page<CommentData>>>> commentPages(Collection<CallKey> keys) {
        return pages(keys, ids -> CommentSnapshot.<CommentSnapshot>list("xhsId in ?1", ids)
                .flatMap(comments -> previewReplies(comments).map(previews -> index(comments, c -> c.xhsId,
                        c -> SnapshotMapping.comment(c, previews, null)))));
    }

    /**
     * Stored pages of users a search found, with what the page told of each user (name, avatar, Xiaohongshu number)
     * as stored now; incomplete pages count as not stored.
     */
    public Uni<Map<CallKey, Fetched<Page<ProfileData>>>> userPages(Collection<CallKey> keys) {
        return pages(keys, ids -> UserSnapshot.<UserSnapshot>list("xhsId in ?1", ids).map(users -> index(users,
                u -> u.xhsId, u -> ProfileData.partial(u.xhsId, u.nickname, u.avatarUrl, u.redId))));
    }

    /** The stored targets of these share links; links never resolved are absent. */
    public Uni<Map<String, Fetched<ShareTarget>>> shareLinks(Collection<String> links) {
        if (links.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> list = List.copyOf(links);
        return sessions.inSession(() -> ShareLinkSnapshot.<ShareLinkSnapshot>list("link in ?1", list))
                .map(found -> {
                    Map<String, Fetched<ShareTarget>> byLink = new HashMap<>();
                    for (ShareLinkSnapshot s : found) {
                        byLink.put(s.link, Fetched.stored(new ShareTarget(s.link, s.targetUrl, null),
                                instant(s.resolvedAt)));
                    }
                    return byLink;
                });
    }

    /** The stored replies that the comment pages of {@code comments} previewed inline, by id. */
    private static Uni<Map<String, CommentData>> previewReplies(List<CommentSnapshot> comments) {
        List<String> ids = comments.stream().flatMap(c -> SnapshotMapping.previewIds(c).stream()).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return CommentSnapshot.<CommentSnapshot>list("xhsId in ?1", ids).map(replies -> index(replies,
                r -> r.xhsId, r -> SnapshotMapping.comment(r, Map.of(), null)));
    }

    /** Stored comments by id, in no particular order; ids not stored are absent. */
    public Uni<List<CommentData>> comments(Collection<String> commentIds) {
        if (commentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = List.copyOf(commentIds);
        return sessions.inSession(() -> CommentSnapshot.<CommentSnapshot>list("xhsId in ?1", ids))
                .map(found -> found.stream()
                        .map(c -> SnapshotMapping.comment(c, Map.of(),
                                Provenance.snapshot(instant(c.updatedAt), false)))
                        .toList());
    }

    /** When each of these creators was first stored; creators never stored are absent. */
    public Uni<Map<String, Instant>> usersFirstSeen(Collection<String> ids) {
        return firstSeen("xhs_user", ids);
    }

    /** When each of these notes was first stored; notes never stored are absent. */
    public Uni<Map<String, Instant>> notesFirstSeen(Collection<String> ids) {
        return firstSeen("xhs_note", ids);
    }

    /** When each of these comments was first stored; comments never stored are absent. */
    public Uni<Map<String, Instant>> commentsFirstSeen(Collection<String> ids) {
        return firstSeen("xhs_comment", ids);
    }

    private Uni<Map<String, Instant>> firstSeen(String table, Collection<String> ids) {
        return select("SELECT xhs_id, first_seen_at FROM " + table + " WHERE xhs_id IN (%s)", ids).map(rows -> {
            Map<String, Instant> result = new HashMap<>();
            for (Object[] row : rows) {
                result.put((String) row[0], toInstant(row[1]));
            }
            return result;
        });
    }

    private static Instant toInstant(Object value) {
        if (value instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC);
        }
        return value == null ? null : ((java.sql.Timestamp) value).toInstant();
    }

    /** How many notes of each creator are stored; creators with none are absent. */
    public Uni<Map<String, Long>> storedNotes(Collection<String> userIds) {
        return counts("SELECT author_id, count(*) FROM xhs_note WHERE author_id IN (%s) GROUP BY author_id", userIds);
    }

    /** How many top-level comments of each note are stored; notes with none are absent. */
    public Uni<Map<String, Long>> storedComments(Collection<String> noteIds) {
        return counts("SELECT note_id, count(*) FROM xhs_comment WHERE note_id IN (%s) AND root_id IS NULL "
                + "GROUP BY note_id", noteIds);
    }

    /** How many replies of each thread are stored; threads with none are absent. */
    public Uni<Map<String, Long>> storedReplies(Collection<String> rootIds) {
        return counts("SELECT root_id, count(*) FROM xhs_comment WHERE root_id IN (%s) GROUP BY root_id", rootIds);
    }

    /**
     * Every observation of each creator's profile in [since, until], oldest first, each as the profile then (its
     * provenance's {@code fetchedAt} is when it was observed).
     */
    public Uni<Map<String, List<ProfileData>>> profileHistories(Collection<String> userIds, Instant since,
            Instant until) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = List.copyOf(userIds);
        return sessions.inSession(() -> UserObservationSnapshot.<UserObservationSnapshot>list(
                "userId in ?1 and observedAt >= ?2 and observedAt <= ?3 order by observedAt, id", ids,
                utc(since == null ? Instant.EPOCH : since), utc(until == null ? END_OF_TIME : until)))
                .map(found -> group(found, o -> o.userId, o -> SnapshotMapping.profile(o.userId, null, o)));
    }

    /** Every observation of each note in [since, until], oldest first: counters and title then. */
    public Uni<Map<String, List<NoteData>>> noteHistories(Collection<String> noteIds, Instant since, Instant until) {
        if (noteIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = List.copyOf(noteIds);
        return sessions.inSession(() -> NoteObservationSnapshot.<NoteObservationSnapshot>list(
                "noteId in ?1 and observedAt >= ?2 and observedAt <= ?3 order by observedAt, id", ids,
                utc(since == null ? Instant.EPOCH : since), utc(until == null ? END_OF_TIME : until)))
                .map(found -> group(found, o -> o.noteId, o -> SnapshotMapping.note(o.noteId, null, null, o)));
    }

    /** The creator as last observed at or before {@code asOf}. */
    public Uni<Optional<ProfileData>> profileAsOf(String userId, Instant asOf) {
        return sessions.inSession(() -> UserObservationSnapshot.<UserObservationSnapshot>find(
                "userId = ?1 and observedAt <= ?2 order by observedAt desc, id desc", userId, utc(asOf))
                .firstResult()
                .flatMap(o -> o == null
                        ? Uni.createFrom().item(Optional.<ProfileData>empty())
                        : UserSnapshot.<UserSnapshot>findById(userId)
                                .map(now -> Optional.of(SnapshotMapping.profile(userId, now, o)))));
    }

    /** The note as last observed at or before {@code asOf}: counters and title then, other fields as stored now. */
    public Uni<Optional<NoteData>> noteAsOf(String noteId, Instant asOf) {
        return sessions.inSession(() -> NoteObservationSnapshot.<NoteObservationSnapshot>find(
                "noteId = ?1 and observedAt <= ?2 order by observedAt desc, id desc", noteId, utc(asOf))
                .firstResult()
                .flatMap(o -> o == null
                        ? Uni.createFrom().item(Optional.<NoteData>empty())
                        : NoteSnapshot.<NoteSnapshot>findById(noteId).flatMap(now -> {
                            Uni<UserSnapshot> author = now == null || now.authorId == null
                                    ? Uni.createFrom().nullItem()
                                    : UserSnapshot.findById(now.authorId);
                            return author.map(a -> Optional.of(SnapshotMapping.note(noteId, now, a, o)));
                        })));
    }

    /** Stored usage between two days inclusive, by day then endpoint. */
    public Uni<List<Usage>> usage(LocalDate from, LocalDate to) {
        return sessions.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT day, endpoint, calls, billed, failed FROM xhs_upstream_usage "
                        + "WHERE day BETWEEN ?1 AND ?2 ORDER BY day, endpoint", Object[].class)
                .setParameter(1, from).setParameter(2, to)
                .getResultList()))
                .map(rows -> rows.stream().map(r -> new Usage(toDate(r[0]), (String) r[1], ((Number) r[2]).intValue(),
                        ((Number) r[3]).intValue(), ((Number) r[4]).intValue())).toList());
    }

    /**
     * Stored pages by key, each with its items from {@code items} (given the ids of all pages' items at once), in page
     * order. One query for the pages and one round for the items, however many keys.
     */
    private <T> Uni<Map<CallKey, Fetched<Page<T>>>> pages(Collection<CallKey> keys,
            Function<List<String>, Uni<Map<String, T>>> items) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<CallKey> list = List.copyOf(new LinkedHashSet<>(keys));
        return sessions.inSession(() -> pageRows(list).flatMap(rows -> {
            Set<String> ids = new LinkedHashSet<>();
            rows.values().forEach(row -> ids.addAll(itemIds(row)));
            Uni<Map<String, T>> found = ids.isEmpty()
                    ? Uni.createFrom().item(Map.of())
                    : items.apply(List.copyOf(ids));
            return found.map(byId -> {
                Map<CallKey, Fetched<Page<T>>> result = new HashMap<>();
                rows.forEach((key, row) -> {
                    List<T> pageItems = new ArrayList<>();
                    for (String id : itemIds(row)) {
                        T item = byId.get(id);
                        if (item == null) {
                            return;
                        }
                        pageItems.add(item);
                    }
                    result.put(key, Fetched.stored(new Page<>(pageItems, row.hasMore, row.nextCursor,
                            row.totalCount, null), instant(row.fetchedAt)));
                });
                return result;
            });
        }));
    }

    /** The stored page rows of {@code keys}, in one query. */
    private Uni<Map<CallKey, PageSnapshot>> pageRows(List<CallKey> keys) {
        StringBuilder sql = new StringBuilder("SELECT * FROM xhs_page WHERE (list_kind, scope, request_cursor) IN (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(3 * i + 1).append(", ?").append(3 * i + 2)
                    .append(", ?").append(3 * i + 3).append(')');
        }
        sql.append(')');
        return Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<PageSnapshot> query = session.createNativeQuery(sql.toString(), PageSnapshot.class);
            Map<PageSnapshot.Key, CallKey> byRowKey = new HashMap<>();
            int p = 1;
            for (CallKey key : keys) {
                PageSnapshot.Key rowKey = PageSnapshot.Key.of(key);
                byRowKey.put(rowKey, key);
                query.setParameter(p++, rowKey.listKind).setParameter(p++, rowKey.scope)
                        .setParameter(p++, rowKey.requestCursor);
            }
            return query.getResultList().map(rows -> {
                Map<CallKey, PageSnapshot> result = new HashMap<>();
                for (PageSnapshot row : rows) {
                    CallKey key = byRowKey.get(row.key);
                    if (key != null) {
                        result.put(key, row);
                    }
                }
                return result;
            });
        });
    }

    private Uni<Map<String, Long>> counts(String sqlTemplate, Collection<String> ids) {
        return select(sqlTemplate, ids).map(rows -> {
            Map<String, Long> result = new HashMap<>();
            for (Object[] row : rows) {
                result.put((String) row[0], ((Number) row[1]).longValue());
            }
            return result;
        });
    }

    /** The rows of {@code sqlTemplate}, whose {@code %s} becomes one parameter per id. */
    private Uni<List<Object[]>> select(String sqlTemplate, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> list = List.copyOf(new LinkedHashSet<>(ids));
        StringBuilder placeholders = new StringBuilder();
        for (int i = 1; i <= list.size(); i++) {
            placeholders.append(i == 1 ? "?" : ", ?").append(i);
        }
        return sessions.inSession(() -> Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(
                    sqlTemplate.formatted(placeholders), Object[].class);
            for (int i = 0; i < list.size(); i++) {
                query.setParameter(i + 1, list.get(i));
            }
            return query.getResultList();
        }));
    }

    /** The authors of {@code notes} that are stored, by id. */
    private static Uni<Map<String, UserSnapshot>> authorsOf(List<NoteSnapshot> notes) {
        List<String> authorIds = notes.stream().map(n -> n.authorId).filter(a -> a != null).distinct().toList();
        if (authorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return UserSnapshot.<UserSnapshot>list("xhsId in ?1", authorIds)
                .map(authors -> index(authors, a -> a.xhsId, a -> a));
    }

    private static List<String> itemIds(PageSnapshot page) {
        return page.itemIds == null || page.itemIds.isEmpty() ? List.of() : Arrays.asList(page.itemIds.split(","));
    }

    private static <E, T> Map<String, T> index(List<E> entities, Function<E, String> idOf, Function<E, T> map) {
        Map<String, T> byId = new HashMap<>();
        for (E e : entities) {
            byId.put(idOf.apply(e), map.apply(e));
        }
        return byId;
    }

    private static <E, T> Map<String, List<T>> group(List<E> entities, Function<E, String> idOf, Function<E, T> map) {
        Map<String, List<T>> byId = new LinkedHashMap<>();
        for (E e : entities) {
            byId.computeIfAbsent(idOf.apply(e), k -> new ArrayList<>()).add(map.apply(e));
        }
        return byId;
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }
}
