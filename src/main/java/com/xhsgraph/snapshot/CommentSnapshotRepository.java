package com.xhsgraph.snapshot;

import static com.xhsgraph.mapping.SnapshotMapping.imagesJson;
import static com.xhsgraph.mapping.SnapshotMapping.utc;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.CommentAuthorData;
import com.xhsgraph.service.CommentData;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Comments and replies: upserts of the latest state and the counter history. */
@ApplicationScoped
public class CommentSnapshotRepository implements PanacheRepositoryBase<CommentSnapshot, String> {

    private static final String UPSERT_HEAD = "INSERT INTO xhs_comment (xhs_id, note_id, root_id, reply_to_id, "
            + "content, published_at, like_count, reply_count, ip_location, status, comment_type, author_nickname, "
            + "author_avatar_url, author_red_id, author_unstable_id, author_is_note_author, pictures_json, "
            + "first_seen_at, updated_at)";
    private static final String UPSERT_TAIL = "ON CONFLICT (xhs_id) DO UPDATE SET "
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
            + "updated_at = EXCLUDED.updated_at";

    /** Upserts complete comments and replies and appends an observation of each one's counters. */
    public Uni<Void> upsert(Collection<CommentData> comments, OffsetDateTime at) {
        List<CommentData> rows = distinct(comments);
        NativeInsert upsert = new NativeInsert(UPSERT_HEAD, 19, UPSERT_TAIL);
        NativeInsert observations = new NativeInsert(
                "INSERT INTO xhs_comment_observation (comment_id, observed_at, like_count, reply_count)", 4, "");
        for (CommentData c : rows) {
            CommentAuthorData a = c.author();
            upsert.row(c.xhsId(), c.noteId(), c.rootId(), c.replyToId(), c.content(), utc(c.publishedAt()),
                    c.likeCount(), c.replyCount(), c.ipLocation(), c.status(), c.commentType(),
                    a == null ? null : a.nickname(), a == null ? null : a.avatarUrl(), a == null ? null : a.redId(),
                    a == null ? null : a.unstableId(), a != null && a.noteAuthor(), imagesJson(c.pictures()), at, at);
            observations.row(c.xhsId(), at, c.likeCount(), c.replyCount());
        }
        return getSession().flatMap(session -> upsert.execute(session)
                .flatMap(ignored -> observations.execute(session)))
                .replaceWithVoid();
    }

    private static List<CommentData> distinct(Collection<CommentData> comments) {
        Map<String, CommentData> byId = new LinkedHashMap<>();
        for (CommentData c : comments) {
            if (c != null && c.xhsId() != null && c.complete() && c.noteId() != null) {
                byId.put(c.xhsId(), c);
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(CommentData::xhsId)).toList();
    }
}
