package com.xhsgraph.service.model;

/**
 * A value with where it came from: a snapshot read from the database (fetched from the upstream at
 * {@code provenance.fetchedAt()}), or a fresh upstream answer.
 */
public record Fetched<T>(T value, Provenance provenance) {

    /** A value read from the snapshots, fetched from the upstream at {@code fetchedAt}. */
    public static <T> Fetched<T> stored(T value, java.time.Instant fetchedAt) {
        return new Fetched<>(value, Provenance.snapshot(fetchedAt, false));
    }

    /** When the upstream returned the value. */
    public java.time.Instant fetchedAt() {
        return provenance.fetchedAt();
    }
}
