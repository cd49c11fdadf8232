package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("PageInfo")
@Description("Relay page information of a connection.")
public record PageInfo(
        @NonNull @Description("Whether more items follow endCursor; pass endCursor as `after` to get them.") boolean hasNextPage,
        @NonNull @Description("Whether items precede this page (true whenever `after` was given).") boolean hasPreviousPage,
        @Description("Cursor of the first edge, null when there are no edges.") String startCursor,
        @Description("Cursor of the last edge, null when there are no edges.") String endCursor) {}
