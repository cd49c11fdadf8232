package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A note as {@code get-user-note-list/v4} lists it: {@code desc} is an excerpt of about 100 characters; video notes
 * carry {@code video_info_v2} and {@code ip_location}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaListNote(String id, String cursor, String title, String displayTitle, String desc, String type,
        Long createTime, Long lastUpdateTime, Long likes, Long commentsCount, Long collectedCount, Long shareCount,
        Boolean sticky, String ipLocation, List<JoaImage> imagesList, JoaNoteListUser user, List<JoaAt> ats,
        JoaVideoInfo videoInfoV2) {}
