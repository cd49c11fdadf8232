package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("VideoStream")
@Description("One encoding of a video.")
public record VideoStream(
        @NonNull @Description("Where to play it from (signed; expires).") String url,
        @Description("Codec, e.g. h264 or hevc.") String codec,
        @Description("Quality label, e.g. HD or FHD.") String quality,
        @Description("Width in pixels.") Integer width,
        @Description("Height in pixels.") Integer height,
        @Description("Size in bytes.") Integer bytes) {}
