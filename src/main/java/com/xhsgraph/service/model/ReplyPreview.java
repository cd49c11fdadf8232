package com.xhsgraph.service.model;

import java.util.List;

/**
 * The replies a comment page shows inline with a top-level comment: the first replies of its thread, where the thread
 * continues after them ({@code sub_comment_cursor}) and whether it does ({@code sub_comment_has_more}, when the answer
 * says). Live pages often show none although the thread has replies; the preview is trusted only as far as it goes.
 */
public record ReplyPreview(List<CommentData> replies, String cursor, Boolean hasMore) {

    public static final ReplyPreview NONE = new ReplyPreview(List.of(), null, null);

    /**
     * Whether the preview provably holds the whole thread of {@code replyCount} replies: it shows as many as the count
     * says, or, without a count, it says there are no more. A preview that says "no more" while the count says
     * otherwise is not trusted.
     */
    public boolean complete(Integer replyCount) {
        if (replyCount != null) {
            return replies.size() >= replyCount;
        }
        return !replies.isEmpty() && Boolean.FALSE.equals(hasMore);
    }
}
