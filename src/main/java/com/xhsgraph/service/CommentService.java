package com.xhsgraph.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.mapping.JoaMapping;
import com.xhsgraph.service.SnapshotPolicy.Kind;
import com.xhsgraph.upstream.justoneapi.JustOneApiClient;
import com.xhsgraph.upstream.justoneapi.dto.JoaComment;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentPage;

import io.smallrye.mutiny.Uni;

/** Reply threads, and comments looked up by id among what this request fetched and what is stored. */
@ApplicationScoped
public class CommentService {

    static final String REPLIES = "replies";

    private final JustOneApiClient upstream;
    private final SnapshotService snapshots;
    private final SnapshotQueries stored;
    private final SnapshotFirst snapshotFirst;
    private final RequestLedger ledger;

    CommentService(JustOneApiClient upstream, SnapshotService snapshots, SnapshotQueries stored,
            SnapshotFirst snapshotFirst, RequestLedger ledger) {
        this.upstream = upstream;
        this.snapshots = snapshots;
        this.stored = stored;
        this.snapshotFirst = snapshotFirst;
        this.ledger = ledger;
    }

    /**
     * A pager over the replies in a top-level comment's thread, oldest first. The thread is always read from its
     * start: whether the inline preview's cursor is a valid {@code lastCursor} is undocumented.
     */
    public Pager<CommentData> replies(String noteId, String rootId, Integer maxAge) {
        String scope = noteId + ":" + rootId;
        return new Pager<>(REPLIES, scope, cursor -> replyPage(noteId, rootId, scope, cursor, maxAge),
                CommentData::xhsId);
    }

    /** How many replies of the thread are stored. */
    public Uni<Long> storedReplies(String rootId) {
        return stored.storedReplies(rootId);
    }

    private Uni<UpstreamPage<CommentData>> replyPage(String noteId, String rootId, String scope, String cursor,
            Integer maxAge) {
        return ledger.once(JustOneApiClient.COMMENT_REPLIES + "|" + scope + "|" + cursor + "|" + maxAge,
                () -> snapshotFirst
                        .serve(JustOneApiClient.COMMENT_REPLIES + "|" + scope + "|" + cursor,
                                "a page of the replies to " + rootId, Kind.REPLIES, maxAge,
                                () -> stored.commentPage(REPLIES, scope, cursor),
                                () -> upstream.getReplies(noteId, rootId, cursor, ledger)
                                        .map(page -> page(page, noteId, rootId))
                                        .call(page -> snapshots.recordCommentPage(REPLIES, scope, cursor, page,
                                                List.of())))
                        .map(served -> served.value().with(served.value().items().stream()
                                .map(c -> c.withProvenance(served.provenance())).toList(), served.provenance()))
                        .invoke(page -> ledger.rememberComments(page.items())));
    }

    /**
     * The comments with these ids, from this request's fetches or else from the snapshots, in the order asked; an
     * entry is null when neither knows the comment.
     */
    public Uni<List<CommentData>> byIds(List<String> ids) {
        Map<String, CommentData> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String id : ids) {
            CommentData seen = id == null ? null : ledger.comment(id);
            if (seen != null) {
                found.put(id, seen);
            } else if (id != null) {
                missing.add(id);
            }
        }
        Uni<Collection<CommentData>> fromStore = missing.isEmpty()
                ? Uni.createFrom().item(List.of())
                : stored.commentsByIds(missing).map(list -> list);
        return fromStore.map(list -> {
            for (CommentData c : list) {
                found.putIfAbsent(c.xhsId(), c);
            }
            List<CommentData> ordered = new ArrayList<>(ids.size());
            for (String id : ids) {
                ordered.add(id == null ? null : found.get(id));
            }
            return ordered;
        });
    }

    private static UpstreamPage<CommentData> page(JoaCommentPage page, String noteId, String rootId) {
        List<JoaComment> replies = page.comments() == null ? List.of() : page.comments();
        List<CommentData> items = replies.stream().filter(r -> r != null && r.id() != null)
                .map(r -> JoaMapping.reply(r, noteId, rootId)).toList();
        return new UpstreamPage<>(items, Boolean.TRUE.equals(page.hasMore()), page.cursor(), null, null);
    }
}
