package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Image")
@Description("An image of a note or a picture attached to a comment, as served by Xiaohongshu's CDN.")
public record Image(
        @NonNull @Description("URL of the largest size the upstream lists.") String url,
        @Description("Width in pixels, when known.") Integer width,
        @Description("Height in pixels, when known.") Integer height) {}
