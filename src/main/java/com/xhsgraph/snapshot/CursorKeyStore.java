package com.xhsgraph.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The keys that sign cursors when the operator configures none, shared by every instance through PostgreSQL so that a
 * cursor one replica gave out is valid on all of them and after a restart.
 */
@ApplicationScoped
public class CursorKeyStore {

    /** A signing key and when it was created. */
    public record Key(byte[] secret, Instant createdAt) {}

    /** Serialises the rotation of several instances starting at once. */
    private static final long ROTATION_LOCK = 0x78687363_6b657973L;

    private final Pool pool;

    CursorKeyStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds {@code fresh} unless a key younger than {@code rotation} exists, and deletes the keys older than
     * {@code rotation + grace}; returns the keys left, newest first.
     */
    public Uni<List<Key>> rotate(Instant now, Duration rotation, Duration grace, byte[] fresh) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(ROTATION_LOCK))
                .chain(() -> tx.preparedQuery("INSERT INTO xhs_cursor_key (secret, created_at) SELECT $1, $2 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM xhs_cursor_key WHERE created_at > $3)")
                        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(fresh), utc(now),
                                utc(now.minus(rotation)))))
                .chain(() -> tx.preparedQuery("DELETE FROM xhs_cursor_key WHERE created_at < $1")
                        .execute(Tuple.of(utc(now.minus(rotation).minus(grace)))))
                .chain(() -> tx.query("SELECT secret, created_at FROM xhs_cursor_key ORDER BY created_at DESC, id DESC")
                        .execute())
                .map(rows -> {
                    List<Key> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(new Key(r.getBuffer(0).getBytes(),
                            r.getOffsetDateTime(1).toInstant())));
                    return keys;
                }));
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
