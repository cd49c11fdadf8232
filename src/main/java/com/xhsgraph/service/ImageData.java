package com.xhsgraph.service;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An image of a note or a picture of a comment; also stored as JSON in the snapshots. */
@RegisterForReflection
public record ImageData(String url, Integer width, Integer height) {}
