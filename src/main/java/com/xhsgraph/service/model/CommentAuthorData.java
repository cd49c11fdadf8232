package com.xhsgraph.service.model;

/**
 * The author of a comment or reply. {@code unstableId} is the upstream's obfuscated id: consistent within one
 * response, different over time, accepted by no endpoint.
 */
public record CommentAuthorData(String nickname, String avatarUrl, String redId, String unstableId,
        boolean noteAuthor) {}
