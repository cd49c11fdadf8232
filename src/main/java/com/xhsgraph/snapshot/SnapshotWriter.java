package com.xhsgraph.snapshot;

import static com.xhsgraph.snapshot.SnapshotMapping.extrasJson;
import static com.xhsgraph.snapshot.SnapshotMapping.imagesJson;
import static com.xhsgraph.snapshot.SnapshotMapping.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.CommentAuthorData;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ShareTarget;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes what the upstream returned, each unit in a short transaction of its own (never around an upstream call):
 * upserts of the latest state, an observation of the counters, and the pages as fetched. Rows are written in id order
 * so that concurrent writers never deadlock, and every table in one multi-row statement.
 */
@ApplicationScoped
public class SnapshotWriter {

    private static final String USER_UPSERT = "INSERT INTO xhs_user (xhs_id, red_id, nickname, avatar_url, bio, "
            + "ip_location, gender, follower_count, following_count, liked_count, collected_count, note_count, "
            + "verified, first_seen_at, updated_at, profile_fetched_at, raw_profile, extras_json)";
    private static final String USER_MERGE = "ON CONFLICT (xhs_id) DO UPDATE SET "
            + "red_id = COALESCE(EXCLUDED.red_id, xhs_user.red_id), "
            + "nickname = COALESCE(EXCLUDED.nickname, xhs_user.nickname), "
            + "avatar_url = COALESCE(EXCLUDED.avatar_url, xhs_user.avatar_url), "
            + "bio = COALESCE(EXCLUDED.bio, xhs_user.bio), "
            + "ip_location = COALESCE(EXCLUDED.ip_location, xhs_user.ip_location), "
            + "gender = COALESCE(EXCLUDED.gender, xhs_user.gender), "
            + "follower_count = COALESCE(EXCLUDED.follower_count, xhs_user.follower_count), "
            + "following_count = COALESCE(EXCLUDED.following_count, xhs_user.following_count), "
            + "liked_count = COALESCE(EXCLUDED.liked_count, xhs_user.liked_count), "
            + "collected_count = COALESCE(EXCLUDED.collected_count, xhs_user.collected_count), "
            + "note_count = COALESCE(EXCLUDED.note_count, xhs_user.note_count), "
            + "verified = COALESCE(EXCLUDED.verified, xhs_user.verified), "
            + "updated_at = EXCLUDED.updated_at, "
            + "profile_fetched_at = COALESCE(EXCLUDED.profile_fetched_at, xhs_user.profile_fetched_at), "
            + "raw_profile = COALESCE(EXCLUDED.raw_profile, xhs_user.raw_profile), "
            + "extras_json = COALESCE(EXCLUDED.extras_json, xhs_user.extras_json)";
    private static final String USER_OBSERVATION = "INSERT INTO xhs_user_observation (user_id, observed_at, "
            + "follower_count, following_count, liked_count, collected_count, note_count, nickname, red_id, bio, "
            + "ip_location, avatar_url)";

    private static final String NOTE_UPSERT = "INSERT INTO xhs_note (xhs_id, author_id, title, excerpt, full_text, "
            + "note_type, pinned, published_at, edited_at, like_count, comment_count, collect_count, share_count, "
            + "ip_location, images_json, first_seen_at, updated_at, detail_fetched_at, raw_listing, raw_detail, "
            + "extras_json)";
    private static final String NOTE_MERGE = "ON CONFLICT (xhs_id) DO UPDATE SET "
            + "author_id = COALESCE(EXCLUDED.author_id, xhs_note.author_id), "
            + "title = COALESCE(NULLIF(EXCLUDED.title, ''), xhs_note.title), "
            + "excerpt = COALESCE(EXCLUDED.excerpt, xhs_note.excerpt), "
            + "full_text = COALESCE(EXCLUDED.full_text, xhs_note.full_text), "
            + "note_type = COALESCE(EXCLUDED.note_type, xhs_note.note_type), "
            + "pinned = COALESCE(EXCLUDED.pinned, xhs_note.pinned), "
            + "published_at = COALESCE(EXCLUDED.published_at, xhs_note.published_at), "
            + "edited_at = COALESCE(EXCLUDED.edited_at, xhs_note.edited_at), "
            + "like_count = COALESCE(EXCLUDED.like_count, xhs_note.like_count), "
            + "comment_count = COALESCE(EXCLUDED.comment_count, xhs_note.comment_count), "
            + "collect_count = COALESCE(EXCLUDED.collect_count, xhs_note.collect_count), "
            + "share_count = COALESCE(EXCLUDED.share_count, xhs_note.share_count), "
            + "ip_location = COALESCE(EXCLUDED.ip_location, xhs_note.ip_location), "
            // fewer images, or smaller ones, never replace what a listing or a detail stored before
            + "images_json = CASE WHEN jsonb_array_length(EXCLUDED.images_json::jsonb) "
            + "< COALESCE(jsonb_array_length(xhs_note.images_json::jsonb), 0) THEN xhs_note.images_json "
            + "WHEN COALESCE((EXCLUDED.images_json::jsonb -> 0 ->> 'width')::int, 0) "
            + "< COALESCE((xhs_note.images_json::jsonb -> 0 ->> 'width')::int, 0) THEN xhs_note.images_json "
            + "ELSE EXCLUDED.images_json END, "
            + "updated_at = EXCLUDED.updated_at, "
            + "detail_fetched_at = COALESCE(EXCLUDED.detail_fetched_at, xhs_note.detail_fetched_at), "
            + "raw_listing = COALESCE(EXCLUDED.raw_listing, xhs_note.raw_listing), "
            + "raw_detail = COALESCE(EXCLUDED.raw_detail, xhs_note.raw_detail), "
            // what each answer knows adds to what is stored: a detail's topics, a listing's video
            + "extras_json = (COALESCE(xhs_note.extras_json::jsonb, '{}'::jsonb) "
            + "|| COALESCE(EXCLUDED.extras_json::jsonb, '{}'::jsonb))::text";
    private static final String NOTE_OBSERVATION = "INSERT INTO xhs_note_observation (note_id, observed_at, "
            + "like_count, comment_count, collect_count, share_count, title)";

    private static final String COMMENT_UPSERT = "INSERT INTO xhs_comment (xhs_id, note_id, root_id, reply_to_id, "
            + "content, published_at, like_count, reply_count, ip_location, status, comment_type, author_nickname, "
            + "author_avatar_url, author_red_id, author_unstable_id, author_is_note_author, pictures_json, "
            + "first_seen_at, updated_at, raw, extras_json, preview_ids, preview_cursor, preview_has_more)";
    private static final String COMMENT_MERGE = "ON CONFLICT (xhs_id) DO UPDATE SET "
            + "note_id = EXCLUDED.note_id, "
            + "root_id = COALESCE(EXCLUDED.root_id, xhs_comment.root_id), "
            + "reply_to_id = COALESCE(EXCLUDED.reply_to_id, xhs_comment.reply_to_id), "
            + "content = COALESCE(EXCLUDED.content, xhs_comment.content), "
            + "published_at = COALESCE(EXCLUDED.published_at, xhs_comment.published_at), "
            + "like_count = COALESCE(EXCLUDED.like_count, xhs_comment.like_count), "
            + "reply_count = COALESCE(EXCLUDED.reply_count, xhs_comment.reply_count), "
            + "ip_location = COALESCE(EXCLUDED.ip_location, xhs_comment.ip_location), "
            + "status = COALESCE(EXCLUDED.status, xhs_comment.status), "
            + "comment_type = COALESCE(EXCLUDED.comment_type, xhs_comment.comment_type), "
            + "author_nickname = COALESCE(EXCLUDED.author_nickname, xhs_comment.author_nickname), "
            + "author_avatar_url = COALESCE(EXCLUDED.author_avatar_url, xhs_comment.author_avatar_url), "
            + "author_red_id = COALESCE(EXCLUDED.author_red_id, xhs_comment.author_red_id), "
            + "author_unstable_id = COALESCE(EXCLUDED.author_unstable_id, xhs_comment.author_unstable_id), "
            + "author_is_note_author = EXCLUDED.author_is_note_author OR xhs_comment.author_is_note_author, "
            + "pictures_json = EXCLUDED.pictures_json, "
            + "updated_at = EXCLUDED.updated_at, "
            + "raw = COALESCE(EXCLUDED.raw, xhs_comment.raw), "
            + "extras_json = COALESCE(EXCLUDED.extras_json, xhs_comment.extras_json), "
            // a top-level comment's inline preview is as the latest comment page showed it
            + "preview_ids = CASE WHEN EXCLUDED.root_id IS NULL THEN EXCLUDED.preview_ids ELSE xhs_comment.preview_ids END, "
            + "preview_cursor = CASE WHEN EXCLUDED.root_id IS NULL THEN EXCLUDED.preview_cursor "
            + "ELSE xhs_comment.preview_cursor END, "
            + "preview_has_more = CASE WHEN EXCLUDED.root_id IS NULL THEN EXCLUDED.preview_has_more "
            + "ELSE xhs_comment.preview_has_more END";
    private static final String COMMENT_OBSERVATION = "INSERT INTO xhs_comment_observation (comment_id, observed_at, "
            + "like_count, reply_count)";

    private static final String PAGE_UPSERT = "INSERT INTO xhs_page (list_kind, scope, request_cursor, item_ids, "
            + "next_cursor, has_more, total_count, fetched_at)";
    private static final String PAGE_MERGE = "ON CONFLICT (list_kind, scope, request_cursor) DO UPDATE SET "
            + "item_ids = EXCLUDED.item_ids, next_cursor = EXCLUDED.next_cursor, has_more = EXCLUDED.has_more, "
            + "total_count = EXCLUDED.total_count, fetched_at = EXCLUDED.fetched_at";

    private final IsolatedSessions sessions;

    SnapshotWriter(IsolatedSessions sessions) {
        this.sessions = sessions;
    }

    /** A complete profile, fetched at {@code at} ({@code raw}: its JSON by id), and an observation of it. */
    public Uni<Void> profile(ProfileData profile, Map<String, String> raw, Instant at) {
        OffsetDateTime time = utc(at);
        return write(session -> users(List.of(profile), raw, time).execute(session)
                .chain(() -> observations(List.of(profile), time).execute(session)));
    }

    /** A note detail, fetched at {@code at} ({@code raw}: its JSON), its counters and what it tells of its author. */
    public Uni<Void> note(NoteData note, Map<String, String> raw, Instant at) {
        OffsetDateTime time = utc(at);
        return write(session -> notesWithAuthors(List.of(note), raw, time, session));
    }

    /** A page of a creator's notes as fetched at {@code at}: the notes, their authors, their counters, the page. */
    public Uni<Void> notePage(CallKey key, Page<NoteData> page, Map<String, String> raw, Instant at) {
        OffsetDateTime time = utc(at);
        return write(session -> notesWithAuthors(page.items(), raw, time, session)
                .chain(() -> pageRow(key, page.ids(NoteData::xhsId), page, time).execute(session)));
    }

    /**
     * A page of comments or replies as fetched at {@code at}: the comments, the replies a comment page previews inline,
     * their counters, and the page.
     */
    public Uni<Void> commentPage(CallKey key, Page<CommentData> page, Map<String, String> raw, Instant at) {
        OffsetDateTime time = utc(at);
        List<CommentData> rows = new ArrayList<>();
        for (CommentData c : page.items()) {
            rows.add(c);
            rows.addAll(c.preview().replies());
        }
        return write(session -> comments(rows, raw, time, session)
                .chain(() -> pageRow(key, page.ids(CommentData::xhsId), page, time).execute(session)));
    }

    /**
     * A page of users a search found, as fetched at {@code at}: what the page tells of each user (never overwriting a
     * stored profile's values with empty ones), and the page.
     */
    public Uni<Void> userPage(CallKey key, Page<ProfileData> page, Instant at) {
        OffsetDateTime time = utc(at);
        return write(session -> users(page.items(), Map.of(), time).execute(session)
                .chain(() -> pageRow(key, page.ids(ProfileData::xhsId), page, time).execute(session)));
    }

    /** Where a share link leads; a link's target never changes, so a link already stored is kept as it is. */
    public Uni<Void> shareLink(ShareTarget target, Instant at) {
        NativeInsert insert = new NativeInsert(SHARE_LINK_INSERT, 3, "ON CONFLICT (link) DO NOTHING");
        insert.row(target.link(), target.url(), utc(at));
        return write(insert::execute);
    }

    private static final String SHARE_LINK_INSERT = "INSERT INTO xhs_share_link (link, target_url, resolved_at)";

    private Uni<Void> write(java.util.function.Function<Mutiny.Session, Uni<?>> work) {
        return sessions.inTransaction(() -> Panache.getSession().flatMap(work)).replaceWithVoid();
    }

    private Uni<?> notesWithAuthors(List<NoteData> notes, Map<String, String> raw, OffsetDateTime time,
            Mutiny.Session session) {
        List<ProfileData> authors = notes.stream().map(NoteData::author).filter(Objects::nonNull).toList();
        List<NoteData> rows = distinct(notes, NoteData::xhsId, (old, neu) -> neu);
        NativeInsert upsert = new NativeInsert(NOTE_UPSERT, 21, NOTE_MERGE, 18, 19);
        NativeInsert observations = new NativeInsert(NOTE_OBSERVATION, 7, "");
        for (NoteData n : rows) {
            upsert.row(n.xhsId(), n.author() == null ? null : n.author().xhsId(), n.title(), n.excerpt(), n.text(),
                    n.type(), n.pinned(), utc(n.publishedAt()), utc(n.editedAt()), n.likeCount(), n.commentCount(),
                    n.collectCount(), n.shareCount(), n.ipLocation(), imagesJson(n.images()), time, time,
                    n.fromDetail() ? time : null, n.fromDetail() ? null : raw.get(n.xhsId()),
                    n.fromDetail() ? raw.get(n.xhsId()) : null, extrasJson(n));
            observations.row(n.xhsId(), time, n.likeCount(), n.commentCount(), n.collectCount(), n.shareCount(),
                    n.title());
        }
        return users(authors, Map.of(), time).execute(session)
                .chain(() -> upsert.execute(session))
                .chain(() -> observations.execute(session));
    }

    /** Upserts of profiles, complete or partial: a partial one never erases what a complete one stored. */
    private static NativeInsert users(Collection<ProfileData> profiles, Map<String, String> raw,
            OffsetDateTime time) {
        NativeInsert upsert = new NativeInsert(USER_UPSERT, 18, USER_MERGE, 16);
        for (ProfileData p : distinct(profiles, ProfileData::xhsId,
                (old, neu) -> old.complete() && !neu.complete() ? old : neu)) {
            upsert.row(p.xhsId(), p.redId(), p.nickname(), p.avatarUrl(), p.bio(), p.ipLocation(), p.gender(),
                    p.followerCount(), p.followingCount(), p.likedCount(), p.collectedCount(), p.noteCount(),
                    p.verified(), time, time, p.complete() ? time : null, raw.get(p.xhsId()),
                    p.complete() ? extrasJson(p.extras()) : null);
        }
        return upsert;
    }

    /** An observation of each complete profile. */
    private static NativeInsert observations(Collection<ProfileData> profiles, OffsetDateTime time) {
        NativeInsert observations = new NativeInsert(USER_OBSERVATION, 12, "");
        for (ProfileData p : profiles) {
            if (p.complete()) {
                observations.row(p.xhsId(), time, p.followerCount(), p.followingCount(), p.likedCount(),
                        p.collectedCount(), p.noteCount(), p.nickname(), p.redId(), p.bio(), p.ipLocation(),
                        p.avatarUrl());
            }
        }
        return observations;
    }

    private static Uni<?> comments(List<CommentData> comments, Map<String, String> raw, OffsetDateTime time,
            Mutiny.Session session) {
        List<CommentData> rows = distinct(comments.stream().filter(c -> c.complete() && c.noteId() != null).toList(),
                CommentData::xhsId, (old, neu) -> neu);
        NativeInsert upsert = new NativeInsert(COMMENT_UPSERT, 24, COMMENT_MERGE, 19);
        NativeInsert observations = new NativeInsert(COMMENT_OBSERVATION, 4, "");
        for (CommentData c : rows) {
            CommentAuthorData a = c.author();
            upsert.row(c.xhsId(), c.noteId(), c.rootId(), c.replyToId(), c.content(), utc(c.publishedAt()),
                    c.likeCount(), c.replyCount(), c.ipLocation(), c.status(), c.commentType(),
                    a == null ? null : a.nickname(), a == null ? null : a.avatarUrl(), a == null ? null : a.redId(),
                    a == null ? null : a.unstableId(), a != null && a.noteAuthor(), imagesJson(c.pictures()), time,
                    time, raw.get(c.xhsId()), extrasJson(c.extras()),
                    c.isReply()
                            ? null
                            : String.join(",", c.preview().replies().stream().map(CommentData::xhsId)
                                    .toList()),
                    c.isReply() ? null : c.preview().cursor(), c.isReply() ? null : c.preview().hasMore());
            observations.row(c.xhsId(), time, c.likeCount(), c.replyCount());
        }
        return upsert.execute(session).chain(() -> observations.execute(session));
    }

    private static NativeInsert pageRow(CallKey key, List<String> itemIds, Page<?> page, OffsetDateTime time) {
        PageSnapshot.Key row = PageSnapshot.Key.of(key);
        return new NativeInsert(PAGE_UPSERT, 8, PAGE_MERGE).row(row.listKind, row.scope, row.requestCursor,
                String.join(",", itemIds), page.nextCursor(), page.hasMore(), page.totalCount(), time);
    }

    /** One row per id (merged as {@code merge} says), in id order so that concurrent writers never deadlock. */
    private static <T> List<T> distinct(Collection<T> items, java.util.function.Function<T, String> idOf,
            java.util.function.BinaryOperator<T> merge) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T item : items) {
            if (item != null && idOf.apply(item) != null) {
                byId.merge(idOf.apply(item), item, merge);
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(idOf)).toList();
    }
}
