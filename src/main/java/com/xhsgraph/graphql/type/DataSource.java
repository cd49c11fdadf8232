package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("DataSource")
@Description("Where data came from.")
public enum DataSource {
    @Description("Fetched from Just One API while answering this query.")
    UPSTREAM, @Description("Served from a snapshot this service stored earlier (see fetchedAt and stale).")
    SNAPSHOT
}
