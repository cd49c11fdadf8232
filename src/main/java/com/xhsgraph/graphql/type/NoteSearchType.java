package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("NoteSearchType")
@Description("Which kinds of notes a search finds.")
public enum NoteSearchType {
    @Description("Every kind (upstream `_0`).")
    ALL("_0"), @Description("Video notes only (upstream `_1`).")
    VIDEO("_1"), @Description("Image notes only (upstream `_2`).")
    NORMAL("_2");

    private final String upstream;

    NoteSearchType(String upstream) {
        this.upstream = upstream;
    }

    /** The value of the upstream's {@code noteType} parameter. */
    public String upstream() {
        return upstream;
    }
}
