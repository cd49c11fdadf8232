package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code data[0].note_list[0]} of {@code get-note-detail/v1}: the note with its full text, its topics
 * ({@code hash_tag}), its mentions ({@code ats}) and its share link.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaNote(String id, String title, String desc, String type, Long time, Long lastUpdateTime,
        Long likedCount, Long collectedCount, Long commentsCount, Long sharedCount, String ipLocation, Boolean sticky,
        List<JoaImage> imagesList, JoaNoteListUser user, List<JoaAt> ats, List<JoaHashTag> hashTag,
        JoaShareInfo shareInfo, JoaMiniProgramInfo miniProgramInfo, JoaVideoInfo videoInfoV2) {}
