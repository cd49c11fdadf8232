package com.xhsgraph.upstream.justoneapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An entry of {@code show_tags_v2}; {@code type} is e.g. {@code is_author}, {@code note_first}, {@code author_liked}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record JoaTag(String type, String text) {}
