package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("UserEdge")
@Description("A user in a UserConnection.")
public record UserEdge(
        @NonNull @Description("Opaque cursor; pass it as `after` to continue right after this user.") String cursor,
        @Description("The user.") User node) {}
