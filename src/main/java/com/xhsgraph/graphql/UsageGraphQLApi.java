package com.xhsgraph.graphql;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.xhsgraph.graphql.type.UpstreamUsage;
import com.xhsgraph.service.UsageService;

import io.smallrye.mutiny.Uni;

/** {@code Query.upstreamUsage}: what the service spent, per endpoint per day. */
@GraphQLApi
public class UsageGraphQLApi {

    private final UsageService usage;

    UsageGraphQLApi(UsageService usage) {
        this.usage = usage;
    }

    @Query("upstreamUsage")
    @NonNull
    @RolesAllowed(ClientGraphQLApi.ADMIN)
    @Description("Just One API calls per endpoint per day, billed ones apart, all clients together. Costs no upstream call. For admins.")
    public Uni<List<@NonNull UpstreamUsage>> upstreamUsage(
            @Name("from") @Description("First day, inclusive; default 30 days before `to`.") LocalDate from,
            @Name("to") @Description("Last day, inclusive; default today.") LocalDate to) {
        return Resolvers.guard(() -> {
            LocalDate last = to == null ? usage.today() : to;
            LocalDate first = from == null ? last.minusDays(30) : from;
            if (first.isAfter(last)) {
                throw new ApiError(ErrorCode.INVALID_ARGUMENT, "`from` (" + first + ") is after `to` (" + last + ")");
            }
            if (ChronoUnit.DAYS.between(first, last) > 366) {
                throw new ApiError(ErrorCode.INVALID_ARGUMENT, "Ask for at most 366 days at a time");
            }
            return usage.between(first, last).map(rows -> rows.stream().map(ApiMapping::usage).toList());
        });
    }
}
