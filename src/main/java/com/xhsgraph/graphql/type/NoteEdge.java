package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("NoteEdge")
@Description("A note in a NoteConnection.")
public record NoteEdge(
        @NonNull @Description("Opaque cursor; pass it as `after` to continue right after this note.") String cursor,
        @Description("The note; null only when resolving one of its fields failed (see errors).") Note node) {}
