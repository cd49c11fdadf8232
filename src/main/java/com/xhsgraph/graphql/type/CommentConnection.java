package com.xhsgraph.graphql.type;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * @param noteXhsId the note of the comments
 * @param rootXhsId for replies, the thread's top-level comment; null for a note's comments
 */
@Name("CommentConnection")
@Description("A page of comments or replies (Relay connection).")
public record CommentConnection(
        @NonNull @Description("The comments of this page with their cursors.") List<@NonNull CommentEdge> edges,
        @NonNull @Description("The comments of this page.") List<Comment> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("""
                How many the upstream says exist. On Note.comments: the note's top-level comments \
                (comment_count_l1; Note.commentCount counts replies too). On Comment.replies: the replies in the \
                thread (sub_comment_count). Null when the upstream did not say.""") Integer totalCount,
        @Description("When the oldest upstream page behind this page was fetched; null when none was needed.") Instant fetchedAt,
        @Description("SNAPSHOT when any upstream page behind this page was served from a snapshot.") DataSource source,
        @Description("True when any upstream page behind this page is older than the query asked for.") Boolean stale,
        @Ignore String noteXhsId,
        @Ignore String rootXhsId) {}
