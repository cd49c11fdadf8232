package com.xhsgraph.graphql.type;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Video")
@Description("The video of a video note, as the note list describes it.")
public record Video(
        @Description("Length in seconds.") Integer durationSeconds,
        @Description("The cover: the note's first image.") Image cover,
        @NonNull @Description("The encodings it can be played from, the upstream's default first. The URLs are signed and expire after a few days.") List<@NonNull VideoStream> streams) {}
