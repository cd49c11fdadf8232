package com.xhsgraph.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.fetch.FetchPipeline;
import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.fetch.RequestCache;
import com.xhsgraph.service.fetch.SnapshotReads;
import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.NotInSnapshotException;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.snapshot.SnapshotReader;

import io.smallrye.mutiny.Uni;

/** Notes (now or as observed in the past), their history, and their top-level comments. */
@ApplicationScoped
public class NoteService {

    private record AsOf(String noteId, Instant asOf) {}

    private final FetchPipeline pipeline;
    private final RequestCache requestCache;
    private final SnapshotReads reads;
    private final SnapshotReader reader;

    NoteService(FetchPipeline pipeline, RequestCache requestCache, SnapshotReads reads, SnapshotReader reader) {
        this.pipeline = pipeline;
        this.requestCache = requestCache;
        this.reads = reads;
        this.reader = reader;
    }

    /** The note as a listing or a detail earlier in this request returned it; null when none did. */
    public NoteData seen(String noteId) {
        return requestCache.note(noteId);
    }

    /** The note with its full text, no older than {@code maxAge} seconds (null: the configured default). */
    public Uni<NoteData> detail(String noteId, Integer maxAge) {
        return pipeline.<NoteData>get(CallKey.noteDetail(noteId), maxAge)
                .invoke(note -> requestCache.rememberNotes(List.of(note)));
    }

    /** The note as last observed at or before {@code asOf}; from the snapshots only. */
    public Uni<NoteData> detailAsOf(String noteId, Instant asOf) {
        return requestCache.once(new AsOf(noteId, asOf), () -> reader.noteAsOf(noteId, asOf)
                .map(found -> found.orElseThrow(() -> new NotInSnapshotException(
                        "No observation of the note " + noteId + " at or before " + asOf))));
    }

    /** Every stored observation of the note's counters in [since, until], oldest first. */
    public Uni<List<NoteData>> history(String noteId, Instant since, Instant until) {
        return reads.noteHistory(noteId, since, until);
    }

    /** A pager over the note's top-level comments in the given upstream order. */
    public Pager<CommentData> comments(String noteId, String sort, Integer maxAge) {
        return new Pager<>(CallKey.commentPage(noteId, sort, null),
                page -> pipeline.<Page<CommentData>>get(page, maxAge)
                        .invoke(served -> requestCache.rememberComments(served.items())),
                CommentData::xhsId, pipeline.cursors());
    }

    /** How many of the note's top-level comments are stored. */
    public Uni<Long> storedComments(String noteId) {
        return reads.storedComments(noteId);
    }

    /** When this service first stored the note, or null when it never did. */
    public Uni<Instant> firstSeen(String noteId) {
        return reads.noteFirstSeen(noteId);
    }
}
