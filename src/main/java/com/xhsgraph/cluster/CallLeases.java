package com.xhsgraph.cluster;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.config.XhsConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Upstream calls in flight on any instance, one row per distinct call in {@code xhs_call_lease}: the instance that
 * takes the row makes the call, the others wait for what it stores. The holder renews its rows while it works, so a
 * row of an instance that died expires after {@code xhs.cluster.lease-ttl}; a call that failed leaves its failure in
 * the row for the instances that waited for it.
 */
@ApplicationScoped
public class CallLeases {

    /** A lease as another instance sees it. */
    public record State(boolean present, boolean expired, boolean finished, String failureKind, Integer failureCode,
            String failureMessage) {

        static final State ABSENT = new State(false, false, false, null, null, null);
    }

    private static final String ACQUIRE = "INSERT INTO xhs_call_lease (call_key, owner, expires_at) "
            + "VALUES ($1::text, $2::text, clock_timestamp() + make_interval(secs => $3::float8)) "
            + "ON CONFLICT (call_key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at, "
            + "finished_at = NULL, failure_kind = NULL, failure_code = NULL, failure_message = NULL "
            + "WHERE xhs_call_lease.finished_at IS NOT NULL OR xhs_call_lease.expires_at <= clock_timestamp() "
            + "RETURNING owner";

    private static final String STATE = "SELECT expires_at <= clock_timestamp(), finished_at IS NOT NULL, "
            + "failure_kind, failure_code, failure_message FROM xhs_call_lease WHERE call_key = $1::text";

    private static final String SUCCEEDED = "DELETE FROM xhs_call_lease WHERE call_key = $1::text AND owner = $2::text";

    private static final String FAILED = "UPDATE xhs_call_lease SET finished_at = clock_timestamp(), "
            + "failure_kind = $3::text, failure_code = $4::int, failure_message = $5::text "
            + "WHERE call_key = $1::text AND owner = $2::text";

    /** Only the calls this instance knows it holds: a row it took without hearing so (a lost answer) expires. */
    private static final String RENEW = "UPDATE xhs_call_lease SET expires_at = clock_timestamp() "
            + "+ make_interval(secs => $2::float8) WHERE owner = $1::text AND call_key = ANY($3::text[]) "
            + "AND finished_at IS NULL";

    private static final String CLEAN = "DELETE FROM xhs_call_lease WHERE "
            + "COALESCE(finished_at, expires_at) < clock_timestamp() - interval '1 minute'";

    private final Pool pool;
    private final StatementTimer timer;
    private final String owner;
    private final double ttlSeconds;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile long lastCleaned;

    CallLeases(Pool pool, XhsConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.timer = new StatementTimer(metrics, config.cluster().giveUpAfter());
        this.ttlSeconds = Math.max(1, config.cluster().leaseTtl().toMillis() / 1000.0);
        // the host name (a pod's name on Kubernetes), the process id, and a random part for a restarted process
        String host = System.getenv("HOSTNAME");
        this.owner = (host == null || host.isBlank() ? "instance" : host) + ":" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Who this instance is in the lease rows. */
    public String owner() {
        return owner;
    }

    /** Takes the lease of {@code key}: true when this instance is now to make the call. */
    public Uni<Boolean> acquire(String key) {
        return timer.timed("acquire", pool.preparedQuery(ACQUIRE).execute(Tuple.of(key, owner, ttlSeconds)))
                .map(rows -> {
                    boolean mine = rows.iterator().hasNext();
                    if (mine) {
                        held.add(key);
                    }
                    return mine;
                });
    }

    /** The call was made and its answer stored: the row goes, and waiters read what was stored. */
    public Uni<Void> succeeded(String key) {
        held.remove(key);
        return timer.timed("release", pool.preparedQuery(SUCCEEDED).execute(Tuple.of(key, owner))).replaceWithVoid();
    }

    /** The call failed: waiters take the failure ({@code kind}, {@code code}, a client-safe message) as theirs. */
    public Uni<Void> failed(String key, String kind, Integer code, String message) {
        held.remove(key);
        return timer
                .timed("release", pool.preparedQuery(FAILED).execute(Tuple.tuple(Arrays.asList(key, owner, kind, code,
                        message))))
                .replaceWithVoid();
    }

    /** The lease of {@code key} as it stands. */
    public Uni<State> state(String key) {
        return timer.timedOrGiveUp("look", pool.preparedQuery(STATE).execute(Tuple.of(key))).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return State.ABSENT;
            }
            Row r = it.next();
            return new State(true, r.getBoolean(0), r.getBoolean(1), r.getString(2), r.getInteger(3),
                    r.getString(4));
        });
    }

    /** Renews the leases this instance holds, and now and then removes rows nobody needs any more. */
    @Scheduled(every = "${xhs.cluster.lease-renewal:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renew() {
        long now = System.nanoTime();
        boolean clean = now - lastCleaned > 60_000_000_000L;
        if (held.isEmpty() && !clean) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> renewed = held.isEmpty()
                ? Uni.createFrom().voidItem()
                : pool.preparedQuery(RENEW).execute(Tuple.of(owner, ttlSeconds, held.toArray(new String[0])))
                        .replaceWithVoid();
        return renewed.chain(() -> {
            if (!clean) {
                return Uni.createFrom().voidItem();
            }
            lastCleaned = now;
            return pool.query(CLEAN).execute().replaceWithVoid();
        }).onFailure().recoverWithItem(failure -> {
            Log.debugf("Could not renew the call leases: %s", failure.toString());
            return null;
        });
    }
}
