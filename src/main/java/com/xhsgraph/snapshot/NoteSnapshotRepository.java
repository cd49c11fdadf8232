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

import com.xhsgraph.service.NoteData;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Notes: upserts of the latest state and the counter history. Callers provide the session and transaction. */
@ApplicationScoped
public class NoteSnapshotRepository implements PanacheRepositoryBase<NoteSnapshot, String> {

    private static final String UPSERT_HEAD = "INSERT INTO xhs_note (xhs_id, author_id, title, excerpt, full_text, "
            + "note_type, pinned, published_at, edited_at, like_count, comment_count, collect_count, share_count, "
            + "ip_location, images_json, first_seen_at, updated_at, detail_fetched_at)";
    private static final String UPSERT_TAIL = "ON CONFLICT (xhs_id) DO UPDATE SET "
            + "author_id = COALESCE(EXCLUDED.author_id, xhs_note.author_id), "
            + "title = COALESCE(EXCLUDED.title, xhs_note.title), "
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
            + "images_json = EXCLUDED.images_json, "
            + "updated_at = EXCLUDED.updated_at, "
            + "detail_fetched_at = COALESCE(EXCLUDED.detail_fetched_at, xhs_note.detail_fetched_at)";

    /** Upserts notes from the list or the detail and appends an observation of each one's counters. */
    public Uni<Void> upsert(Collection<NoteData> notes, OffsetDateTime at) {
        List<NoteData> rows = distinct(notes);
        NativeInsert upsert = new NativeInsert(UPSERT_HEAD, 18, UPSERT_TAIL);
        NativeInsert observations = new NativeInsert("INSERT INTO xhs_note_observation (note_id, observed_at, "
                + "like_count, comment_count, collect_count, share_count, title)", 7, "");
        for (NoteData n : rows) {
            upsert.row(n.xhsId(), n.author() == null ? null : n.author().xhsId(), n.title(), n.excerpt(), n.text(),
                    n.type(), n.pinned(), utc(n.publishedAt()), utc(n.editedAt()), n.likeCount(), n.commentCount(),
                    n.collectCount(), n.shareCount(), n.ipLocation(), imagesJson(n.images()), at, at,
                    n.fromDetail() ? at : null);
            observations.row(n.xhsId(), at, n.likeCount(), n.commentCount(), n.collectCount(), n.shareCount(),
                    n.title());
        }
        return getSession().flatMap(session -> upsert.execute(session)
                .flatMap(ignored -> observations.execute(session)))
                .replaceWithVoid();
    }

    private static List<NoteData> distinct(Collection<NoteData> notes) {
        Map<String, NoteData> byId = new LinkedHashMap<>();
        for (NoteData n : notes) {
            if (n != null && n.xhsId() != null) {
                byId.put(n.xhsId(), n);
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(NoteData::xhsId)).toList();
    }
}
