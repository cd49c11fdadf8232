package com.xhsgraph.upstream.justoneapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code target_comment} of a reply: the comment it answers, the root or another reply. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record JoaTargetComment(String id, Integer status, JoaCommentUser user) {}
