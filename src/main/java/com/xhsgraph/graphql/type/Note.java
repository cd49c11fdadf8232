package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.xhsgraph.graphql.NodeIds;
import com.xhsgraph.service.NoteData;

/**
 * A note. From a listing, every field but the full text (when the excerpt was cut) and the IP location is known;
 * otherwise the first field that needs data costs one {@code get-note-detail/v1} call per note per request.
 */
@Name("Note")
@Description("A Xiaohongshu note. Fields not known from a listing cost one upstream detail call per note per request.")
public record Note(
        @NonNull @Description("The raw 24-hex Xiaohongshu note id.") String xhsId,
        @Ignore NoteData known) implements Node {

    public static Note of(String xhsId, NoteData known) {
        return new Note(xhsId, known);
    }

    @Override
    @Id
    @NonNull
    @Description("Opaque global id; Query.node resolves it.")
    public String getId() {
        return NodeIds.note(xhsId);
    }

    @NonNull
    @Description("The note's page on xiaohongshu.com.")
    public String getUrl() {
        return "https://www.xiaohongshu.com/explore/" + xhsId;
    }
}
