package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code data} of {@code get-note-comment/v2} and of {@code get-note-sub-comment/v2} (which carries only
 * {@code comments}, {@code has_more} and {@code cursor}). {@code cursor} is opaque and is sent back verbatim.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaCommentPage(List<JoaComment> comments, Boolean hasMore, String cursor, Long commentCount,
        Long commentCountL1, String userId) {}
