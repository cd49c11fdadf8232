package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("CommentEdge")
@Description("A comment in a CommentConnection.")
public record CommentEdge(
        @NonNull @Description("Opaque cursor; pass it as `after` to continue right after this comment.") String cursor,
        @Description("The comment; null only when resolving one of its fields failed (see errors).") Comment node) {}
