package com.xhsgraph.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Viewer")
@Description("The client making this request, and where it stands against its daily budget of billed upstream calls.")
public record Viewer(
        @NonNull @Description("The client's name; `anonymous` for requests without a key where the service allows them.") String name,
        @NonNull @Description("`client` or `admin`.") String role,
        @NonNull @Description("Billed upstream calls it may cause per day.") int dailyLimit,
        @NonNull @Description("Billed upstream calls charged today.") long usedToday,
        @NonNull @Description("Billed upstream calls it may still cause today, after the reservations of its queries still running.") long remaining,
        @NonNull @Description("When the day ends (in the accounting time zone) and the count starts again. (ISO-8601)") Instant resetAt) {}
