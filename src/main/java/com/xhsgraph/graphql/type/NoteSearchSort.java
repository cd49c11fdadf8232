package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("NoteSearchSort")
@Description("The order of note search results.")
public enum NoteSearchSort {
    @Description("Xiaohongshu's relevance ranking (upstream `general`).")
    GENERAL("general"), @Description("Most liked first (upstream `popularity_descending`).")
    POPULAR("popularity_descending"), @Description("Newest first (upstream `time_descending`).")
    NEWEST("time_descending"), @Description("Most commented first (upstream `comment_descending`).")
    MOST_COMMENTED("comment_descending"), @Description("Most collected first (upstream `collect_descending`).")
    MOST_COLLECTED("collect_descending");

    private final String upstream;

    NoteSearchSort(String upstream) {
        this.upstream = upstream;
    }

    /** The value of the upstream's {@code sort} parameter. */
    public String upstream() {
        return upstream;
    }
}
