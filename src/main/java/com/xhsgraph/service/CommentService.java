package com.xhsgraph.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.fetch.FetchPipeline;
import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.fetch.RequestCache;
import com.xhsgraph.service.fetch.SnapshotReads;
import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ReplyPreview;
import com.xhsgraph.service.model.UpstreamException;
import com.xhsgraph.snapshot.SnapshotReader;

import io.smallrye.mutiny.Uni;

/** Reply threads, and comments looked up by id among what this request fetched and what is stored. */
@ApplicationScoped
public class CommentService {

    private final FetchPipeline pipeline;
    private final RequestCache requestCache;
    private final SnapshotReads reads;
    private final SnapshotReader reader;

    CommentService(FetchPipeline pipeline, RequestCache requestCache, SnapshotReads reads, SnapshotReader reader) {
        this.pipeline = pipeline;
        this.requestCache = requestCache;
        this.reads = reads;
        this.reader = reader;
    }

    /**
     * A pager over the replies in a top-level comment's thread, oldest first. What the comment already tells costs
     * nothing, when its comment page is fresh enough for {@code maxAge}: a thread of 0 replies is empty, and the replies
     * its comment page previewed inline are the thread's first page. A walk past the preview continues where the preview says the thread goes on
     * ({@code sub_comment_cursor}); without that cursor, or when the upstream refuses it, it reads the thread from its
     * start (the pager passes over the replies it already returned).
     */
    public Pager<CommentData> replies(CommentData root, Integer maxAge) {
        CallKey start = CallKey.replyPage(root.noteId(), root.xhsId(), null);
        ReplyPreview preview = root.preview();
        // the count and the preview are as old as the comment page they came with
        boolean previewed = (!preview.replies().isEmpty() || preview.complete(root.replyCount()))
                && pipeline.standsInFor(root.provenance(), Endpoint.REPLIES, maxAge);
        return new Pager<>(start, page -> {
            if (page.cursor() == null && previewed) {
                return Uni.createFrom().item(previewPage(root));
            }
            CallKey call = FROM_START.equals(page.cursor()) ? start : page;
            Uni<Page<CommentData>> fetched = pipeline.get(call, maxAge);
            if (call.cursor() != null && call.cursor().equals(preview.cursor())) {
                fetched = fetched.onFailure(CommentService::refused).recoverWithUni(() -> pipeline.get(start, maxAge));
            }
            return fetched.invoke(served -> requestCache.rememberComments(served.items()));
        }, CommentData::xhsId, pipeline.cursors());
    }

    /** The cursor of the first upstream page when a preview stood in for it; never sent upstream. */
    static final String FROM_START = "~start";

    /** The preview as the first page of the thread: where it goes on, whether it does. */
    private static Page<CommentData> previewPage(CommentData root) {
        ReplyPreview preview = root.preview();
        boolean complete = preview.complete(root.replyCount());
        String next = complete ? null : preview.cursor() != null ? preview.cursor() : FROM_START;
        return new Page<>(preview.replies(), !complete, next, root.replyCount(), root.provenance());
    }

    private static boolean refused(Throwable failure) {
        return failure instanceof UpstreamException e && e.kind() == UpstreamException.Kind.REJECTED;
    }

    /** How many replies of the thread are stored. */
    public Uni<Long> storedReplies(String rootId) {
        return reads.storedReplies(rootId);
    }

    /**
     * The comments with these ids, from this request's fetches or else from the snapshots (in one read), in the order
     * asked; an entry is null when neither knows the comment.
     */
    public Uni<List<CommentData>> byIds(List<String> ids) {
        Map<String, CommentData> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String id : ids) {
            CommentData seen = id == null ? null : requestCache.comment(id);
            if (seen != null) {
                found.put(id, seen);
            } else if (id != null) {
                missing.add(id);
            }
        }
        Uni<? extends Collection<CommentData>> fromStore = missing.isEmpty()
                ? Uni.createFrom().item(List.<CommentData>of())
                : reader.comments(missing);
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

    /** When this service first stored the comment, or null when it never did. */
    public Uni<Instant> firstSeen(String commentId) {
        return reads.commentFirstSeen(commentId);
    }
}
