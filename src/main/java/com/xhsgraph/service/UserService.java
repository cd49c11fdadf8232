package com.xhsgraph.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.fetch.FetchPipeline;
import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.fetch.RequestCache;
import com.xhsgraph.service.fetch.SnapshotReads;
import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.NotInSnapshotException;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.snapshot.SnapshotReader;

import io.smallrye.mutiny.Uni;

/** Creators: their profiles (now or as observed in the past), their history and their notes. */
@ApplicationScoped
public class UserService {

    private record AsOf(String userId, Instant asOf) {}

    private final FetchPipeline pipeline;
    private final RequestCache requestCache;
    private final SnapshotReads reads;
    private final SnapshotReader reader;

    UserService(FetchPipeline pipeline, RequestCache requestCache, SnapshotReads reads, SnapshotReader reader) {
        this.pipeline = pipeline;
        this.requestCache = requestCache;
        this.reads = reads;
        this.reader = reader;
    }

    /** The creator's complete profile, no older than {@code maxAge} seconds (null: the configured default). */
    public Uni<ProfileData> profile(String userId, Integer maxAge) {
        return pipeline.get(CallKey.profile(userId), maxAge);
    }

    /** The creator as last observed at or before {@code asOf}; from the snapshots only. */
    public Uni<ProfileData> profileAsOf(String userId, Instant asOf) {
        return requestCache.once(new AsOf(userId, asOf), () -> reader.profileAsOf(userId, asOf)
                .map(found -> found.orElseThrow(() -> new NotInSnapshotException(
                        "No observation of the profile of " + userId + " at or before " + asOf))));
    }

    /** Every stored observation of the creator's profile in [since, until], oldest first. */
    public Uni<List<ProfileData>> history(String userId, Instant since, Instant until) {
        return reads.profileHistory(userId, since, until);
    }

    /** A pager over the creator's notes, newest first after any pinned ones. */
    public Pager<NoteData> notes(String userId, Integer maxAge) {
        return new Pager<>(CallKey.notePage(userId, null), page -> pipeline.<Page<NoteData>>get(page, maxAge)
                .invoke(served -> requestCache.rememberNotes(served.items())), NoteData::xhsId,
                pipeline.cursors());
    }

    /** How many of the creator's notes are stored. */
    public Uni<Long> storedNotes(String userId) {
        return reads.storedNotes(userId);
    }

    /** When this service first stored the user, or null when it never did. */
    public Uni<Instant> firstSeen(String userId) {
        return reads.userFirstSeen(userId);
    }
}
