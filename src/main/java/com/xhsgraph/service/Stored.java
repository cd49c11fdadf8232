package com.xhsgraph.service;

import java.time.Instant;

/** A value read from the snapshots, with when it was fetched from the upstream. */
public record Stored<T>(T value, Instant fetchedAt) {}
