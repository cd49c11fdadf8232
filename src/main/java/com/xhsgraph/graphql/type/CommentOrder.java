package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("CommentOrder")
@Description("Order of a note's top-level comments, as the upstream sorts them.")
public enum CommentOrder {
    @Description("Newest first (upstream sort `latest`).")
    LATEST("latest"), @Description("Xiaohongshu's default ranking (upstream sort `normal`).")
    DEFAULT("normal"), @Description("Most liked first (upstream sort `like_count`).")
    MOST_LIKED("like_count");

    private final String upstream;

    CommentOrder(String upstream) {
        this.upstream = upstream;
    }

    /** The upstream's {@code sort} value. */
    public String upstream() {
        return upstream;
    }
}
