package com.xhsgraph.graphql.type;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("NoteConnection")
@Description("A page of a creator's notes, newest first after any pinned ones (Relay connection).")
public record NoteConnection(
        @NonNull @Description("The notes of this page with their cursors.") List<@NonNull NoteEdge> edges,
        @NonNull @Description("The notes of this page.") List<Note> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Ignore String userXhsId) {}
