package com.xhsgraph.service;

/** A value with where it came from. */
public record Served<T>(T value, Provenance provenance) {}
