package com.xhsgraph.graphql.type;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("CommentConnection")
@Description("A page of comments or replies (Relay connection).")
public record CommentConnection(
        @NonNull @Description("The comments of this page with their cursors.") List<@NonNull CommentEdge> edges,
        @NonNull @Description("The comments of this page.") List<Comment> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("""
                How many the upstream says exist: top-level comments of the note, or replies in the thread. \
                Null when the upstream did not say.""") Integer totalCount) {}
