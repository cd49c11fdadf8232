package com.xhsgraph.upstream.justoneapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An entry of {@code show_tags_v2}; {@code type} is e.g. {@code is_author}, {@code note_first}, {@code author_liked}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JoaTag(String type, String text) {}
