package com.xhsgraph.snapshot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.model.CallCount;
import com.xhsgraph.service.model.ClientData;
import com.xhsgraph.service.model.ClientUsageData;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Clients, their usage and their budget reservations in PostgreSQL, shared by every instance of the service. Plain SQL
 * on the reactive pool: the budget's check-and-reserve needs a lock and several statements in one transaction.
 */
@ApplicationScoped
public class ClientStore {

    /** Calls charged and reserved for a client on a day. */
    public record Spend(long used, long reserved) {}

    /** The outcome of a reservation: its id (null when it did not fit) and the spend before it. */

    private static final String COLUMNS = "id, role, daily_budget, allowed_origins, key_prefix, created_at, revoked_at";

    private final Pool pool;

    ClientStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<ClientData>> byKeyHash(String keyHash) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM xhs_client WHERE key_hash = $1")
                .execute(Tuple.of(keyHash)).map(ClientStore::first);
    }

    public Uni<Optional<ClientData>> byId(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM xhs_client WHERE id = $1").execute(Tuple.of(id))
                .map(ClientStore::first);
    }

    public Uni<List<ClientData>> all() {
        return pool.query("SELECT " + COLUMNS + " FROM xhs_client ORDER BY id").execute().map(rows -> {
            List<ClientData> clients = new ArrayList<>();
            rows.forEach(r -> clients.add(client(r)));
            return clients;
        });
    }

    /** Creates a client; false when one with that id exists already. */
    public Uni<Boolean> create(ClientData client, String keyHash) {
        return pool.preparedQuery("INSERT INTO xhs_client (id, role, daily_budget, allowed_origins, key_hash, "
                + "key_prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(client.id(), client.role(), client.dailyBudget(),
                        origins(client.allowedOrigins()), keyHash, client.keyPrefix(), utc(client.createdAt()))))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Makes {@code client} an admin holding the key with {@code keyHash}, creating it or restoring it: the operator's
     * first key, configured at start-up.
     */
    public Uni<Void> ensureAdmin(ClientData client, String keyHash) {
        return pool.preparedQuery("INSERT INTO xhs_client (id, role, daily_budget, key_hash, key_prefix, created_at) "
                + "VALUES ($1, 'admin', $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET role = 'admin', "
                + "daily_budget = EXCLUDED.daily_budget, key_hash = EXCLUDED.key_hash, "
                + "key_prefix = EXCLUDED.key_prefix, revoked_at = NULL")
                .execute(Tuple.of(client.id(), client.dailyBudget(), keyHash, client.keyPrefix(),
                        utc(client.createdAt())))
                .replaceWithVoid();
    }

    /** Revokes the client's key; the client, its usage and its history stay. */
    public Uni<Optional<ClientData>> revoke(String id, Instant at) {
        return pool.preparedQuery("UPDATE xhs_client SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 "
                + "RETURNING " + COLUMNS).execute(Tuple.of(id, utc(at))).map(ClientStore::first);
    }

    /** The result of growing a lease: its id (null when nothing fitted), how much was added, the spend before. */
    public record Grown(Long id, long added, Spend before) {}

    /**
     * Grows an instance's lease on the client's budget for {@code day} (the reservation row {@code leaseId}; null: a
     * new one) by {@code wanted} calls if they fit beside what is charged and reserved, else by {@code needed}, else
     * not at all; extends its expiry. One transaction, serialised per client and day with an advisory lock, so that
     * leases of all instances together never exceed the budget. {@code carried} is what the lease holds already: a
     * row that expired and was cleaned up is created again with it.
     */
    public Uni<Grown> growLease(Long leaseId, String clientId, LocalDate day, long wanted, long needed, long limit,
            long ttlSeconds, long carried) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("xhs-budget/" + clientId + "/" + day))
                .chain(() -> connection.preparedQuery("DELETE FROM xhs_budget_reservation WHERE client_id = $1 "
                        + "AND day = $2 AND expires_at <= now() AND ($3::bigint IS NULL OR id <> $3)")
                        .execute(Tuple.of(clientId, day, leaseId)))
                .chain(() -> spend(connection, clientId, day))
                .chain(before -> {
                    long room = limit - before.used() - before.reserved();
                    long add = wanted <= room ? wanted : needed <= room ? needed : -1;
                    if (add < 0) {
                        return Uni.createFrom().item(new Grown(null, 0, before));
                    }
                    Uni<Long> id = leaseId == null
                            ? insertLease(connection, clientId, day, add, ttlSeconds)
                            : connection.preparedQuery("UPDATE xhs_budget_reservation SET calls = calls + $2, "
                                    + "expires_at = now() + make_interval(secs => $3) WHERE id = $1 RETURNING id")
                                    .execute(Tuple.of(leaseId, (int) add, (double) ttlSeconds))
                                    .chain(rows -> rows.iterator().hasNext()
                                            ? Uni.createFrom().item(rows.iterator().next().getLong(0))
                                            : insertLease(connection, clientId, day, carried + add, ttlSeconds));
                    return id.map(lease -> new Grown(lease, add, before));
                }));
    }

    private static Uni<Long> insertLease(SqlConnection connection, String clientId, LocalDate day, long calls,
            long ttlSeconds) {
        return connection.preparedQuery("INSERT INTO xhs_budget_reservation (client_id, day, calls, expires_at) "
                + "VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING id")
                .execute(Tuple.of(clientId, day, (int) calls, (double) ttlSeconds))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static final String COUNT_CALLS = "WITH upstream AS (INSERT INTO xhs_upstream_usage "
            + "(day, endpoint, calls, billed, failed) VALUES ($1::date, $2::text, $3::int, $4::int, $5::int) "
            + "ON CONFLICT (day, endpoint) DO UPDATE SET calls = xhs_upstream_usage.calls + EXCLUDED.calls, "
            + "billed = xhs_upstream_usage.billed + EXCLUDED.billed, "
            + "failed = xhs_upstream_usage.failed + EXCLUDED.failed), "
            + "client AS (INSERT INTO xhs_client_usage (client_id, day, endpoint, calls, billed) "
            + "SELECT $6::text, $7::date, $2::text, $3::int, $4::int WHERE $6::text IS NOT NULL "
            + "ON CONFLICT (client_id, day, endpoint) DO UPDATE SET calls = xhs_client_usage.calls + EXCLUDED.calls, "
            + "billed = xhs_client_usage.billed + EXCLUDED.billed), "
            + "lease AS (UPDATE xhs_budget_reservation SET calls = GREATEST(0, calls - $4::int) "
            + "WHERE id = $8::bigint AND $4::int > 0) "
            + "SELECT 1";

    /**
     * Adds upstream calls to the usage counts and to the usage of the clients that pay for them, and moves their
     * billed calls out of the clients' leases into the charged ones: one statement per count, all in one transaction,
     * so that charged plus leased never drops below what was spent.
     */
    public Uni<Void> countCalls(List<CallCount> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (CallCount c : counts) {
            rows.add(Tuple.tuple(Arrays.asList(c.day(), c.endpoint(), c.calls(), c.billed(), c.failed(),
                    c.clientId(), c.clientDay(), c.leaseId())));
        }
        return rows.size() == 1
                ? pool.preparedQuery(COUNT_CALLS).execute(rows.get(0)).replaceWithVoid()
                : pool.withTransaction(connection -> connection.preparedQuery(COUNT_CALLS).executeBatch(rows))
                        .replaceWithVoid();
    }

    /** Gives a lease back (an instance stopping). */
    public Uni<Void> dropLease(long leaseId) {
        return pool.preparedQuery("DELETE FROM xhs_budget_reservation WHERE id = $1").execute(Tuple.of(leaseId))
                .replaceWithVoid();
    }

    /** What the client has been charged and has reserved on {@code day}. */
    public Uni<Spend> spend(String clientId, LocalDate day) {
        return pool.withConnection(connection -> spend(connection, clientId, day));
    }

    private static Uni<Spend> spend(SqlConnection connection, String clientId, LocalDate day) {
        return connection.preparedQuery("SELECT (SELECT COALESCE(sum(billed), 0) FROM xhs_client_usage "
                + "WHERE client_id = $1 AND day = $2), (SELECT COALESCE(sum(calls), 0) FROM xhs_budget_reservation "
                + "WHERE client_id = $1 AND day = $2 AND expires_at > now())")
                .execute(Tuple.of(clientId, day)).map(rows -> {
                    Row row = rows.iterator().next();
                    return new Spend(row.getLong(0), row.getLong(1));
                });
    }

    /** Usage per day, client and endpoint in [from, to], of one client or (null) of all. */
    public Uni<List<ClientUsageData>> usage(LocalDate from, LocalDate to, String clientId) {
        return pool.preparedQuery("SELECT day, client_id, endpoint, calls, billed FROM xhs_client_usage "
                + "WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR client_id = $3) "
                + "ORDER BY day, client_id, endpoint")
                .execute(Tuple.of(from, to, clientId)).map(rows -> {
                    List<ClientUsageData> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new ClientUsageData(r.getLocalDate(0), r.getString(1), r.getString(2),
                            r.getLong(3), r.getLong(4))));
                    return list;
                });
    }

    private static Optional<ClientData> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(client(it.next())) : Optional.empty();
    }

    private static ClientData client(Row r) {
        String origins = r.getString("allowed_origins");
        return new ClientData(r.getString("id"), r.getString("role"), r.getInteger("daily_budget"),
                origins == null || origins.isBlank() ? List.of() : List.of(origins.split(",")),
                r.getString("key_prefix"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("revoked_at")));
    }

    private static String origins(List<String> origins) {
        return origins.isEmpty() ? null : String.join(",", origins);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
