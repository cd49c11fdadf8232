package com.xhsgraph.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.mapping.JoaMapping;
import com.xhsgraph.upstream.justoneapi.JustOneApiClient;
import com.xhsgraph.upstream.justoneapi.dto.JoaComment;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentPage;

import io.smallrye.mutiny.Uni;

/** Notes and their top-level comments. */
@ApplicationScoped
public class NoteService {

    private final JustOneApiClient upstream;
    private final SnapshotService snapshots;
    private final RequestLedger ledger;

    NoteService(JustOneApiClient upstream, SnapshotService snapshots, RequestLedger ledger) {
        this.upstream = upstream;
        this.snapshots = snapshots;
        this.ledger = ledger;
    }

    /** The note as a listing earlier in this request saw it, if one did; null otherwise. */
    public NoteData seen(String noteId) {
        return ledger.note(noteId);
    }

    /** The note with its full text, from the detail endpoint. */
    public Uni<NoteData> detail(String noteId) {
        return ledger.once(JustOneApiClient.NOTE_DETAIL + "|" + noteId, () -> upstream.getNoteDetail(noteId)
                .map(note -> {
                    NoteData data = JoaMapping.detailedNote(note);
                    return data.xhsId() == null || !data.xhsId().equals(noteId) ? withId(data, noteId) : data;
                })
                .call(note -> snapshots.recordNotes(List.of(note)))
                .invoke(note -> ledger.rememberNotes(List.of(note))));
    }

    /** A pager over the note's top-level comments in the given upstream order. */
    public Pager<CommentData> comments(String noteId, String sort) {
        return new Pager<>("comments-" + sort, noteId, cursor -> commentPage(noteId, sort, cursor),
                CommentData::xhsId);
    }

    private Uni<UpstreamPage<CommentData>> commentPage(String noteId, String sort, String cursor) {
        return ledger.once(JustOneApiClient.NOTE_COMMENTS + "|" + noteId + "|" + sort + "|" + cursor,
                () -> upstream.getComments(noteId, cursor, sort)
                        .map(page -> page(page, noteId))
                        .call(page -> snapshots.recordComments(withInlineReplies(page.items(), page)))
                        .invoke(page -> ledger.rememberComments(page.items())))
                .map(Fetched::page);
    }

    private record Fetched(UpstreamPage<CommentData> page, List<CommentData> inlineReplies) {
        List<CommentData> items() {
            return page.items();
        }
    }

    private static List<CommentData> withInlineReplies(List<CommentData> comments, Fetched fetched) {
        List<CommentData> all = new ArrayList<>(comments);
        all.addAll(fetched.inlineReplies());
        return all;
    }

    private static Fetched page(JoaCommentPage page, String noteId) {
        List<JoaComment> comments = page.comments() == null ? List.of() : page.comments();
        List<CommentData> items = new ArrayList<>(comments.size());
        List<CommentData> inline = new ArrayList<>();
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
        return new Fetched(new UpstreamPage<>(items, Boolean.TRUE.equals(page.hasMore()), page.cursor(), total),
                inline);
    }

    private static NoteData withId(NoteData n, String noteId) {
        return new NoteData(noteId, n.author(), n.title(), n.excerpt(), n.text(), n.type(), n.pinned(), n.publishedAt(),
                n.editedAt(), n.likeCount(), n.commentCount(), n.collectCount(), n.shareCount(), n.ipLocation(),
                n.images(), n.fromDetail());
    }
}
