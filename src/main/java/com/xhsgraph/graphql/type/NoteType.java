package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("NoteType")
@Description("The kind of a note.")
public enum NoteType {
    @Description("Images with text.")
    NORMAL, @Description("A video note.")
    VIDEO, @Description("A kind this service does not know yet.")
    OTHER;

    public static NoteType of(String upstream) {
        if (upstream == null) {
            return OTHER;
        }
        return switch (upstream) {
            case "normal" -> NORMAL;
            case "video" -> VIDEO;
            default -> OTHER;
        };
    }
}
