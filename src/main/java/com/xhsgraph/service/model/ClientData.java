package com.xhsgraph.service.model;

import java.time.Instant;
import java.util.List;

/**
 * A client of the graph: who spends, with which rights, within which daily budget of billed upstream calls.
 *
 * @param id its name, unique (e.g. {@code web-frontend}); {@link #ANONYMOUS} for requests without a key where the
 *        service is open
 * @param role {@link #CLIENT} or {@link #ADMIN}
 * @param dailyBudget billed upstream calls it may cause per day
 * @param allowedOrigins browser origins it may be called from; empty: those the service allows
 * @param keyPrefix the first characters of its API key, to recognise it; null without a key
 * @param createdAt when it was created; null for the anonymous client
 * @param revokedAt when its key was revoked; null while it is valid
 */
public record ClientData(String id, String role, int dailyBudget, List<String> allowedOrigins, String keyPrefix,
        Instant createdAt, Instant revokedAt) {

    public static final String CLIENT = "client";
    public static final String ADMIN = "admin";
    public static final String ANONYMOUS = "anonymous";
    /** The attribute of a request's security identity that holds its client. */
    public static final String IDENTITY_ATTRIBUTE = "xhs.client";

    public ClientData {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether a browser page on {@code origin} may call the graph as this client. */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }
}
