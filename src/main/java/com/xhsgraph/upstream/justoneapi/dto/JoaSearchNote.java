package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code data.items[].note} of {@code search-note/v2}: what a search result tells of a note (no title in the recorded
 * answers; {@code desc}, counters, images, the author and {@code timestamp}, the publication time).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaSearchNote(String id, String title, String displayTitle, String desc, String type, Long timestamp,
        Long lastUpdateTime, Long likedCount, Long commentsCount, Long collectedCount, Long sharedCount,
        List<JoaImage> imagesList, JoaNoteListUser user, List<JoaAt> ats, JoaVideoInfo videoInfoV2) {}
