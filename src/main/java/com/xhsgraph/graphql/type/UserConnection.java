package com.xhsgraph.graphql.type;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("UserConnection")
@Description("A page of users a search found (Relay connection).")
public record UserConnection(
        @NonNull @Description("The users of this page with their cursors.") List<@NonNull UserEdge> edges,
        @NonNull @Description("The users of this page.") List<User> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("When the oldest upstream page behind this page was fetched; null when none was needed.") Instant fetchedAt,
        @Description("SNAPSHOT when any upstream page behind this page was served from a snapshot.") DataSource source,
        @Description("True when any upstream page behind this page is older than the query asked for.") Boolean stale) {}
