package com.xhsgraph.cluster;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.config.XhsConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The upstream rate limit and the account breaker, shared by every instance through PostgreSQL: one token bucket row
 * per endpoint and one breaker row. Asking whether a call may go out is one statement that reads the breaker and, when
 * it is closed, takes a token; PostgreSQL's clock is the only clock, so replicas whose clocks differ still share one
 * rate. Our own SQL rather than a rate-limiting library: the bucket and the breaker must be decided together, in one
 * round trip on the reactive pool, and no such library speaks the reactive PostgreSQL client.
 */
@ApplicationScoped
public class SharedGate {

    /**
     * What the shared state says about one call: wait {@code waitNanos} then go; or refused ({@code waitNanos < 0}),
     * either because the breaker is open ({@code breakerKind} not null) or because the wait would be too long.
     */
    public record Admission(long waitNanos, String breakerKind, Integer breakerCode, String breakerMessage,
            long breakerSeconds) {

        public boolean breakerOpen() {
            return breakerKind != null;
        }
    }

    private static final String ELAPSED = "GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - b.updated_at)::float8)";
    private static final String REFILLED = "LEAST($3::float8, b.tokens + " + ELAPSED + " * $2::float8)";

    private static final String ADMIT = "WITH open AS (SELECT kind, code, message, "
            + "CEIL(EXTRACT(EPOCH FROM open_until - clock_timestamp()))::bigint AS seconds FROM xhs_breaker "
            + "WHERE id = 1 AND open_until > clock_timestamp()), "
            + "taken AS (INSERT INTO xhs_rate_bucket AS b (endpoint, tokens, updated_at) "
            + "SELECT $1::text, $3::float8 - 1, clock_timestamp() WHERE NOT EXISTS (SELECT 1 FROM open) "
            + "ON CONFLICT (endpoint) DO UPDATE SET tokens = " + REFILLED + " - 1, updated_at = clock_timestamp() "
            + "WHERE " + REFILLED + " - 1 >= -($2::float8 * $4::float8) RETURNING b.tokens) "
            + "SELECT (SELECT tokens FROM taken), o.kind, o.code, o.message, o.seconds "
            + "FROM (SELECT 1) AS one LEFT JOIN open AS o ON true";

    private static final String DRAIN = "UPDATE xhs_rate_bucket AS b SET tokens = LEAST(0, " + REFILLED + "), "
            + "updated_at = clock_timestamp() WHERE b.endpoint = $1::text";

    private static final String OPEN = "INSERT INTO xhs_breaker (id, kind, code, message, open_until) "
            + "VALUES (1, $1::text, $2::int, $3::text, clock_timestamp() + make_interval(secs => $4::float8)) ON CONFLICT (id) DO UPDATE SET "
            + "kind = EXCLUDED.kind, code = EXCLUDED.code, message = EXCLUDED.message, "
            + "open_until = GREATEST(xhs_breaker.open_until, EXCLUDED.open_until)";

    private final Pool pool;
    private final StatementTimer timer;

    SharedGate(Pool pool, XhsConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.timer = new StatementTimer(metrics, config.cluster().giveUpAfter());
    }

    /**
     * Asks to call {@code endpoint}: refused while the breaker is open; otherwise takes a token of the endpoint's
     * bucket ({@code perSecond}, {@code burst}) and says how long to wait for it, or takes nothing and refuses when
     * that would be longer than {@code maxWait}.
     */
    public Uni<Admission> admit(String endpoint, double perSecond, int burst, Duration maxWait) {
        return timer.timedOrGiveUp("admit", pool.preparedQuery(ADMIT)
                .execute(Tuple.of(endpoint, perSecond, (double) burst, maxWait.toNanos() / 1e9)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    String kind = row.getString(1);
                    if (kind != null) {
                        return new Admission(-1, kind, row.getInteger(2), row.getString(3),
                                Math.max(1, row.getLong(4)));
                    }
                    Double tokens = row.getDouble(0);
                    if (tokens == null) {
                        return new Admission(-1, null, null, null, 0);
                    }
                    long wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1e9);
                    return new Admission(wait, null, null, null, 0);
                });
    }

    /** The upstream said "too fast" (302): no instance calls {@code endpoint} until its bucket refills. */
    public Uni<Void> drain(String endpoint, double perSecond, int burst) {
        return pool.preparedQuery(DRAIN).execute(Tuple.of(endpoint, perSecond, (double) burst)).replaceWithVoid();
    }

    /**
     * Opens the breaker for every instance for {@code coolDown} (or longer, when another instance opened it for
     * longer): an account-level failure {@code kind} with the envelope {@code code} and a client-safe message.
     */
    public Uni<Void> open(String kind, Integer code, String message, Duration coolDown) {
        return pool.preparedQuery(OPEN)
                .execute(Tuple.of(kind, code, message, coolDown.toNanos() / 1e9))
                .replaceWithVoid();
    }
}
