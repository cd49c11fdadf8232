package com.xhsgraph.graphql.type;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("UpstreamUsage")
@Description("Just One API calls of one endpoint on one day (in the configured accounting time zone).")
public record UpstreamUsage(
        @NonNull @Description("The day.") LocalDate day,
        @NonNull @Description("The endpoint, e.g. get-user-note-list/v4.") String endpoint,
        @NonNull @Description("Calls made, retries included.") int calls,
        @NonNull @Description("Calls the vendor bills (code 0, and 201 under the old rules).") int billed,
        @NonNull @Description("Calls that failed.") int failed) {}
