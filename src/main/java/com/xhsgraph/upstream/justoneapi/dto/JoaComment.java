package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A top-level comment ({@code get-note-comment/v2}) or a reply ({@code get-note-sub-comment/v2}). Replies carry
 * {@code target_comment} and lack the {@code sub_comment_*} fields and {@code ip_location}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaComment(String id, String noteId, String content, Long time, Long likeCount, Long subCommentCount,
        List<JoaComment> subComments, String ipLocation, JoaCommentUser user, Integer commentType,
        List<JoaPicture> pictures, Integer status, List<JoaTag> showTagsV2, JoaTargetComment targetComment) {}
