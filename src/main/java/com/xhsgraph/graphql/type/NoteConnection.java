package com.xhsgraph.graphql.type;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("NoteConnection")
@Description("A page of notes (Relay connection): a creator's, newest first after any pinned ones, or those a search found.")
public record NoteConnection(
        @NonNull @Description("The notes of this page with their cursors.") List<@NonNull NoteEdge> edges,
        @NonNull @Description("The notes of this page.") List<Note> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("When the oldest upstream page behind this page was fetched; null when none was needed.") Instant fetchedAt,
        @Description("SNAPSHOT when any upstream page behind this page was served from a snapshot.") DataSource source,
        @Description("True when any upstream page behind this page is older than the query asked for.") Boolean stale,
        @Ignore String userXhsId) {}
