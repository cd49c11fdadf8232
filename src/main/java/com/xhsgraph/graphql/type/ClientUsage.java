package com.xhsgraph.graphql.type;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("ClientUsage")
@Description("Just One API calls one client caused to one endpoint on one day (in the accounting time zone).")
public record ClientUsage(
        @NonNull @Description("The day.") LocalDate day,
        @NonNull @Description("The client's name.") String client,
        @NonNull @Description("The endpoint, e.g. get-user-note-list/v4.") String endpoint,
        @NonNull @Description("Calls made, retries included.") long calls,
        @NonNull @Description("Calls the vendor bills: what the client's budget is charged.") long billed) {}
