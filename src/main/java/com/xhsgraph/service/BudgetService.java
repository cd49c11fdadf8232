package com.xhsgraph.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.BudgetExceededException;
import com.xhsgraph.service.model.BudgetStatus;
import com.xhsgraph.service.model.ClientData;
import com.xhsgraph.service.model.ClientUsageData;
import com.xhsgraph.snapshot.ClientStore;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Each client's daily budget of billed upstream calls, kept in PostgreSQL so that every instance sees the same: a
 * query's estimate is reserved before anything is spent, and the query is charged what it really billed when it is
 * done. Our own code rather than a rate-limiting library: the unit is a billed call known only afterwards, against an
 * estimate known before.
 * <p>
 * An instance does not reserve each query's estimate in the database: it leases a share of the client's budget (a
 * reservation row, {@code xhs.access.lease-percent} of the daily budget, or the estimate when more) and reserves
 * from the lease in memory; a query that bills calls is charged in the database and its billed calls leave the lease.
 * Every billed call is charged in the database as it is made ({@link UsageService}), moved out of the lease in the same
 * statement. So the database always holds, for every client, charged plus leased at least what was spent, all
 * instances together never exceed the budget, and an instance killed mid-query has charged every call it made. A lease
 * of an instance that dies expires after {@code xhs.access.reservation-ttl}.
 */
@ApplicationScoped
public class BudgetService {

    /**
     * A query's hold on its client's budget, until it is charged: {@code reserved} calls of the lease {@code leaseId}
     * (null: none).
     */
    public record Hold(ClientData client, LocalDate day, long reserved, BudgetStatus before, Long leaseId) {}

    /** This instance's lease on one client's budget for one day. Guarded by its own monitor. */
    private static final class Lease {
        final String clientId;
        final LocalDate day;
        Long id;
        /** Calls the lease row holds. */
        long granted;
        /** Of those, reserved by queries running now. */
        long inUse;
        /** Charged in the database, as last read plus what this instance charged since. */
        long used;
        /** Reserved by other instances' leases and queries, as last read. */
        long othersReserved;
        Instant renewAt = Instant.MIN;
        Uni<Hold> growing;

        Lease(String clientId, LocalDate day) {
            this.clientId = clientId;
            this.day = day;
        }
    }

    private final ClientStore store;
    private final TimeSource time;
    private final ZoneId zone;
    private final long ttlSeconds;
    private final int leasePercent;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    BudgetService(ClientStore store, TimeSource time, XhsConfig config) {
        this.store = store;
        this.time = time;
        this.zone = config.upstream().usageZone();
        this.ttlSeconds = Math.max(2, config.access().reservationTtl().toSeconds());
        this.leasePercent = Math.max(0, Math.min(100, config.access().leasePercent()));
    }

    /**
     * Reserves {@code estimate} billed calls of the client's budget for today.
     *
     * @throws BudgetExceededException (as the failure) when they do not fit in what remains
     */
    public Uni<Hold> reserve(ClientData client, long estimate) {
        LocalDate day = today();
        Lease lease = lease(client.id(), day);
        Instant now = time.now();
        synchronized (lease) {
            if (lease.id != null && now.isBefore(lease.renewAt) && lease.granted - lease.inUse >= estimate) {
                lease.inUse += Math.max(0, estimate);
                return Uni.createFrom().item(new Hold(client, day, Math.max(0, estimate), status(client, lease),
                        lease.id));
            }
            if (lease.growing != null) {
                // one growth at a time per lease: the others wait for it, then try the lease again
                return lease.growing.onItemOrFailure().transformToUni((ignored, failure) -> reserve(client, estimate));
            }
            lease.growing = grow(client, lease, Math.max(0, estimate)).memoize().indefinitely();
            return lease.growing;
        }
    }

    private Uni<Hold> grow(ClientData client, Lease lease, long estimate) {
        long limit = client.dailyBudget();
        long wanted = Math.max(estimate, limit * leasePercent / 100);
        Long id;
        long needed;
        long carried;
        synchronized (lease) {
            id = lease.id;
            carried = lease.granted;
            needed = Math.max(0, estimate - (lease.granted - lease.inUse));
        }
        return Uni.createFrom().deferred(() -> store.growLease(id, client.id(), lease.day, wanted, needed, limit,
                ttlSeconds, carried)).map(grown -> {
                    synchronized (lease) {
                        lease.growing = null;
                        long othersReserved = grown.before().reserved() - (id == null ? 0 : carried);
                        lease.used = grown.before().used();
                        lease.othersReserved = Math.max(0, othersReserved);
                        if (grown.id() == null) {
                            if (estimate == 0) {
                                // a query that may spend nothing runs even when the budget is used up
                                return new Hold(client, lease.day, 0, status(client, lease), lease.id);
                            }
                            throw new BudgetExceededException(estimate, status(client, lease));
                        }
                        lease.id = grown.id();
                        lease.granted += grown.added();
                        lease.renewAt = time.now().plusSeconds(ttlSeconds / 2);
                        lease.inUse += estimate;
                        return new Hold(client, lease.day, estimate, status(client, lease), lease.id);
                    }
                }).onFailure().invoke(failure -> {
                    synchronized (lease) {
                        lease.growing = null;
                    }
                });
    }

    /**
     * Settles a query that is done: its billed calls (per endpoint, {@code calls}, {@code billed}; charged in the
     * database as they were made) leave this instance's lease, and its reservation is given back; where the client
     * stands after.
     */
    public Uni<BudgetStatus> charge(Hold hold, Map<String, long[]> byEndpoint) {
        Lease lease = lease(hold.client().id(), hold.day());
        long billed = byEndpoint.values().stream().mapToLong(c -> c[1]).sum();
        synchronized (lease) {
            // billed calls are spent, and no longer room in the lease
            lease.inUse = Math.max(0, lease.inUse - hold.reserved());
            lease.granted = Math.max(0, lease.granted - billed);
            lease.used += billed;
            return Uni.createFrom().item(status(hold.client(), lease));
        }
    }

    /** Where the client stands today: charged, and reserved by queries running (not the idle part of leases here). */
    public Uni<BudgetStatus> status(ClientData client) {
        LocalDate day = today();
        Lease lease = leases.get(key(client.id(), day));
        return store.spend(client.id(), day).map(spend -> {
            long idle = 0;
            if (lease != null) {
                synchronized (lease) {
                    idle = Math.max(0, lease.granted - lease.inUse);
                }
            }
            return new BudgetStatus(client.dailyBudget(), spend.used(), Math.max(0, spend.reserved() - idle),
                    resetAt(day));
        });
    }

    /** Upstream calls per day, client and endpoint in [from, to], of one client or (null) of all. */
    public Uni<List<ClientUsageData>> usage(LocalDate from, LocalDate to, String clientId) {
        return store.usage(from, to, clientId);
    }

    /** Today, in the usage time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(time.now(), zone);
    }

    /** Gives the leases back when the instance stops, so that other instances may use them at once. */
    void giveBack(@Observes ShutdownEvent event) {
        for (Lease lease : leases.values()) {
            Long id;
            synchronized (lease) {
                id = lease.inUse == 0 ? lease.id : null;
            }
            if (id != null) {
                try {
                    store.dropLease(id).await().atMost(Duration.ofSeconds(2));
                } catch (RuntimeException e) {
                    Log.debugf("Could not give a budget lease back (it expires by itself): %s", e.toString());
                }
            }
        }
    }

    private Lease lease(String clientId, LocalDate day) {
        if (leases.size() > 10_000) {
            leases.values().removeIf(l -> l.day.isBefore(day));
        }
        return leases.computeIfAbsent(key(clientId, day), k -> new Lease(clientId, day));
    }

    private static String key(String clientId, LocalDate day) {
        return clientId + "/" + day;
    }

    /** Where the client stands as this instance knows it: charged, and reserved by running queries anywhere. */
    private BudgetStatus status(ClientData client, Lease lease) {
        return new BudgetStatus(client.dailyBudget(), lease.used, lease.othersReserved + lease.inUse,
                resetAt(lease.day));
    }

    private Instant resetAt(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
