package com.xhsgraph.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.xhsgraph.service.model.NoteData;

/**
 * A note. From a listing, every field but the full text (when the excerpt was cut) and the IP location is known;
 * otherwise the first field that needs data reads a fresh enough snapshot or costs one {@code get-note-detail/v1}
 * call per note per request.
 *
 * @param known what a listing or an earlier fetch told of the note, or null
 * @param maxAge the query's {@code maxAge} for the detail, or null for the configured default
 * @param asOf the query's {@code asOf}: the note as observed then, from the snapshots only
 */
@Name("Note")
@Description("""
        A Xiaohongshu note. Fields not known from a listing come from a fresh enough snapshot or cost one upstream \
        detail call per note per request.""")
public record Note(
        @NonNull @Description("The raw 24-hex Xiaohongshu note id.") String xhsId,
        @Ignore NoteData known,
        @Ignore Integer maxAge,
        @Ignore Instant asOf) implements Node {

    public static Note of(String xhsId, NoteData known) {
        return new Note(xhsId, known, null, null);
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

    /**
     * Equal when they denote the same note the same way; what a listing told of it does not count. Data loaders key
     * batches by source object, and hashing the whole record (images, texts) on every field was measurable.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Note other && xhsId.equals(other.xhsId) && java.util.Objects.equals(maxAge, other.maxAge)
                && java.util.Objects.equals(asOf, other.asOf);
    }

    @Override
    public int hashCode() {
        return xhsId.hashCode();
    }
}
