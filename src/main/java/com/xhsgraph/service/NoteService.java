package com.xhsgraph.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.mapping.JoaMapping;
import com.xhsgraph.service.SnapshotPolicy.Kind;
import com.xhsgraph.upstream.justoneapi.JustOneApiClient;
import com.xhsgraph.upstream.justoneapi.dto.JoaComment;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentPage;

import io.smallrye.mutiny.Uni;

/** Notes and their top-level comments. */
@ApplicationScoped
public class NoteService {

    private final JustOneApiClient upstream;
    private final SnapshotService snapshots;
    private final SnapshotQueries stored;
    private final SnapshotFirst snapshotFirst;
    private final RequestLedger ledger;

    NoteService(JustOneApiClient upstream, SnapshotService snapshots, SnapshotQueries stored,
            SnapshotFirst snapshotFirst, RequestLedger ledger) {
        this.upstream = upstream;
        this.snapshots = snapshots;
        this.stored = stored;
        this.snapshotFirst = snapshotFirst;
        this.ledger = ledger;
    }

    /** The note as a listing earlier in this request saw it, if one did; null otherwise. */
    public NoteData seen(String noteId) {
        return ledger.note(noteId);
    }

    /** The note with its full text, no older than {@code maxAge} seconds (null: the configured default). */
    public Uni<NoteData> detail(String noteId, Integer maxAge) {
        return ledger.once(JustOneApiClient.NOTE_DETAIL + "|" + noteId + "|" + maxAge,
                () -> snapshotFirst
                        .serve(JustOneApiClient.NOTE_DETAIL + "|" + noteId, "the note " + noteId, Kind.NOTE_DETAIL,
                                maxAge,
                                () -> stored.detail(noteId),
                                () -> upstream.getNoteDetail(noteId, ledger)
                                        .map(note -> withId(JoaMapping.detailedNote(note), noteId))
                                        .call(snapshots::recordDetail))
                        .map(served -> served.value().withProvenance(served.provenance()))
                        .invoke(note -> ledger.rememberNotes(List.of(note))));
    }

    /** The note as last observed at or before {@code asOf}; from the snapshots only. */
    public Uni<NoteData> detailAsOf(String noteId, Instant asOf) {
        return ledger.once("asof|note|" + noteId + "|" + asOf, () -> stored.noteAsOf(noteId, asOf)
                .map(found -> found.map(s -> s.value().withProvenance(Provenance.snapshot(s.fetchedAt(), false)))
                        .orElseThrow(() -> new NotInSnapshotException(
                                "No observation of the note " + noteId + " at or before " + asOf))));
    }

    /** A pager over the note's top-level comments in the given upstream order. */
    public Pager<CommentData> comments(String noteId, String sort, Integer maxAge) {
        String listKind = "comments-" + sort;
        return new Pager<>(listKind, noteId, cursor -> commentPage(listKind, noteId, sort, cursor, maxAge),
                CommentData::xhsId);
    }

    /** How many of the note's top-level comments are stored. */
    public Uni<Long> storedComments(String noteId) {
        return stored.storedComments(noteId);
    }

    private Uni<UpstreamPage<CommentData>> commentPage(String listKind, String noteId, String sort, String cursor,
            Integer maxAge) {
        return ledger.once(JustOneApiClient.NOTE_COMMENTS + "|" + noteId + "|" + sort + "|" + cursor + "|" + maxAge,
                () -> snapshotFirst.serve(JustOneApiClient.NOTE_COMMENTS + "|" + noteId + "|" + sort + "|" + cursor,
                        "a page of the comments on " + noteId, Kind.COMMENTS, maxAge,
                        () -> stored.commentPage(listKind, noteId, cursor),
                        () -> upstream.getComments(noteId, cursor, sort, ledger).flatMap(response -> {
                            List<CommentData> inlineReplies = new ArrayList<>();
                            UpstreamPage<CommentData> page = page(response, noteId, inlineReplies);
                            return snapshots.recordCommentPage(listKind, noteId, cursor, page, inlineReplies)
                                    .replaceWith(page);
                        }))
                        .map(served -> served.value().with(served.value().items().stream()
                                .map(c -> c.withProvenance(served.provenance())).toList(), served.provenance()))
                        .invoke(page -> ledger.rememberComments(page.items())));
    }

    private static UpstreamPage<CommentData> page(JoaCommentPage page, String noteId, List<CommentData> inline) {
        List<JoaComment> comments = page.comments() == null ? List.of() : page.comments();
        List<CommentData> items = new ArrayList<>(comments.size());
        for (JoaComment c : comments) {
            if (c == null || c.id() == null) {
                continue;
            }
            items.add(JoaMapping.topLevelComment(c, noteId));
            if (c.subComments() != null) {
                for (JoaComment reply : c.subComments()) {
                    if (reply != null && reply.id() != null) {
                        inline.add(JoaMapping.reply(reply, noteId, c.id()));
                    }
                }
            }
        }
        Integer total = page.commentCountL1() == null ? null : (int) Math.min(Integer.MAX_VALUE, page.commentCountL1());
        return new UpstreamPage<>(items, Boolean.TRUE.equals(page.hasMore()), page.cursor(), total, null);
    }

    private static NoteData withId(NoteData n, String noteId) {
        if (noteId.equals(n.xhsId())) {
            return n;
        }
        return new NoteData(noteId, n.author(), n.title(), n.excerpt(), n.text(), n.type(), n.pinned(), n.publishedAt(),
                n.editedAt(), n.likeCount(), n.commentCount(), n.collectCount(), n.shareCount(), n.ipLocation(),
                n.images(), n.fromDetail(), n.provenance());
    }
}
