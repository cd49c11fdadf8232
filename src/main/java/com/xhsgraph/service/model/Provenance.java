package com.xhsgraph.service.model;

import java.time.Instant;

/**
 * Where a piece of data came from: fetched from the upstream during this request, or served from a snapshot, and
 * whether it is older than the freshness the request asked for (served anyway because the upstream failed, or
 * because the service runs offline).
 */
public record Provenance(Instant fetchedAt, Source source, boolean stale) {

    public enum Source {
        UPSTREAM, SNAPSHOT
    }

    public static Provenance upstream(Instant fetchedAt) {
        return new Provenance(fetchedAt, Source.UPSTREAM, false);
    }

    public static Provenance snapshot(Instant fetchedAt, boolean stale) {
        return new Provenance(fetchedAt, Source.SNAPSHOT, stale);
    }

    /** The provenance of data assembled from both: the older time, snapshot if either is, stale if either is. */
    public Provenance and(Provenance other) {
        if (other == null) {
            return this;
        }
        Instant older = fetchedAt == null
                ? other.fetchedAt
                : other.fetchedAt == null || fetchedAt.isBefore(other.fetchedAt) ? fetchedAt : other.fetchedAt;
        Source source = this.source == Source.SNAPSHOT || other.source == Source.SNAPSHOT
                ? Source.SNAPSHOT
                : Source.UPSTREAM;
        return new Provenance(older, source, stale || other.stale);
    }
}
