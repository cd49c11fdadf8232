package com.xhsgraph.service.model;

import java.time.Instant;
import java.util.List;

/**
 * A top-level comment ({@code rootId} null) or a reply ({@code rootId} is its top-level comment, {@code replyToId} the
 * comment it answers, which may be another reply). {@code complete} is false for a comment known only as the target
 * of a reply: then only the id, the note, the author and the status are known. {@code preview} holds the replies a
 * comment page carried inline with a top-level comment (often none), with where its thread continues after them.
 */
public record CommentData(String xhsId, String noteId, String rootId, String replyToId, CommentAuthorData replyToAuthor,
        String content, Instant publishedAt, Integer likeCount, String ipLocation, CommentAuthorData author,
        List<ImageData> pictures, Integer replyCount, Integer status, Integer commentType, ReplyPreview preview,
        CommentExtras extras, boolean complete, Provenance provenance) implements Sourced<CommentData> {

    public CommentData {
        pictures = pictures == null ? List.of() : pictures;
        preview = preview == null ? ReplyPreview.NONE : preview;
        extras = extras == null ? CommentExtras.NONE : extras;
    }

    @Override
    public CommentData withProvenance(Provenance p) {
        return new CommentData(xhsId, noteId, rootId, replyToId, replyToAuthor, content, publishedAt, likeCount,
                ipLocation, author, pictures, replyCount, status, commentType, preview, extras, complete, p);
    }

    public boolean isReply() {
        return rootId != null;
    }

    /** The comment this reply answers, as far as the reply itself tells. */
    public CommentData replyToReference() {
        if (replyToId == null) {
            return null;
        }
        String targetRoot = replyToId.equals(rootId) ? null : rootId;
        return new CommentData(replyToId, noteId, targetRoot, null, null, null, null, null, null, replyToAuthor,
                List.of(), null, null, null, ReplyPreview.NONE, CommentExtras.NONE, false, provenance);
    }
}
