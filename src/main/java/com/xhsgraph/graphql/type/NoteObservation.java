package com.xhsgraph.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("NoteObservation")
@Description("A note's counters as one fetch observed them.")
public record NoteObservation(
        @NonNull @Description("When they were observed.") Instant observedAt,
        @Description("Likes then.") Integer likeCount,
        @Description("Comments including replies then.") Integer commentCount,
        @Description("Collects then.") Integer collectCount,
        @Description("Shares then.") Integer shareCount,
        @Description("Title then.") String title) {}
