package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code data} of {@code get-note-comment/v2} and of {@code get-note-sub-comment/v2} (which carries only
 * {@code comments}, {@code has_more} and {@code cursor}). {@code cursor} is opaque and is sent back verbatim;
 * {@code current_sort_strategy} says which order the page really is in ({@code latest_v2}, {@code default}, ...). The
 * comments are read one by one ({@link JoaComment}), so that one malformed item does not fail its page.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaCommentPage(List<JsonNode> comments, Boolean hasMore, String cursor, Long commentCount,
        Long commentCountL1, String userId, String currentSortStrategy) {}
