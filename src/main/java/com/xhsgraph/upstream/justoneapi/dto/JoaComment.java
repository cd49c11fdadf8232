package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A top-level comment ({@code get-note-comment/v2}) or a reply ({@code get-note-sub-comment/v2}). Replies carry
 * {@code target_comment} and lack the {@code sub_comment_*} fields and {@code ip_location}. A top-level comment may
 * preview the first replies of its thread inline ({@code sub_comments}, read one by one like the page's comments).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaComment(String id, String noteId, String content, Long time, Long likeCount, Long subCommentCount,
        List<JsonNode> subComments, String subCommentCursor, Boolean subCommentHasMore, String ipLocation,
        JoaCommentUser user, Integer commentType, List<JoaPicture> pictures, Integer status, List<JoaTag> showTagsV2,
        JoaTargetComment targetComment, List<JoaAt> atUsers) {}
