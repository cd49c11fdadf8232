package com.xhsgraph.graphql.type;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Client")
@Description("A client of this service: who may spend, with which role and budget. For admins.")
public record Client(
        @NonNull @Description("Its name, unique.") String name,
        @NonNull @Description("`client` or `admin` (admins manage clients and see usage).") String role,
        @NonNull @Description("Billed upstream calls it may cause per day.") int dailyBudget,
        @NonNull @Description("Browser origins its key may be used from; empty: the ones the service allows.") List<@NonNull String> allowedOrigins,
        @Description("The first characters of its API key, to recognise it; null for a client known by its OIDC token.") String keyPrefix,
        @Description("When it was created. (ISO-8601)") Instant createdAt,
        @Description("When its key was revoked; null while it is valid. (ISO-8601)") Instant revokedAt) {}
