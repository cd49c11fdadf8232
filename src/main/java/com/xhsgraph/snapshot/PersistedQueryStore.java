package com.xhsgraph.snapshot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** GraphQL documents by SHA-256, shared by every instance: persisted queries and trusted documents. */
@ApplicationScoped
public class PersistedQueryStore {

    /** A stored document, and whether an admin trusted it. */
    public record Stored(String document, boolean trusted) {}

    private final Pool pool;

    PersistedQueryStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Stored>> find(String sha256) {
        return pool.preparedQuery("SELECT document, trusted FROM xhs_persisted_query WHERE sha256 = $1")
                .execute(Tuple.of(sha256)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new Stored(row.getString(0), row.getBoolean(1)));
                });
    }

    /** Stores a document; {@code trusted} marks it (and an existing one) as trusted, never the other way. */
    public Uni<Void> store(String sha256, String document, boolean trusted, Instant at) {
        return pool.preparedQuery("INSERT INTO xhs_persisted_query (sha256, document, trusted, created_at) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO UPDATE SET "
                + "trusted = xhs_persisted_query.trusted OR EXCLUDED.trusted")
                .execute(Tuple.of(sha256, document, trusted, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The hashes of the trusted documents. */
    public Uni<List<String>> trusted() {
        return pool.query("SELECT sha256 FROM xhs_persisted_query WHERE trusted ORDER BY sha256").execute()
                .map(rows -> {
                    List<String> hashes = new ArrayList<>();
                    rows.forEach(r -> hashes.add(r.getString(0)));
                    return hashes;
                });
    }
}
