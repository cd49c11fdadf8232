package com.xhsgraph.service;

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
import com.xhsgraph.service.model.Page;
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
     * A pager over the replies in a top-level comment's thread, oldest first. The thread is always read from its
     * start: whether the inline preview's cursor is a valid {@code lastCursor} is undocumented.
     */
    public Pager<CommentData> replies(String noteId, String rootId, Integer maxAge) {
        return new Pager<>(CallKey.replyPage(noteId, rootId, null),
                page -> pipeline.<Page<CommentData>>get(page, maxAge)
                        .invoke(served -> requestCache.rememberComments(served.items())),
                CommentData::xhsId);
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
}
