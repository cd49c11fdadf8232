package com.xhsgraph.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.xhsgraph.cluster.StatementTimer;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.RequestCost;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.CallCount;
import com.xhsgraph.service.model.UpstreamAttempt;
import com.xhsgraph.service.model.Usage;
import com.xhsgraph.snapshot.ClientStore;
import com.xhsgraph.snapshot.SnapshotReader;
import com.xhsgraph.upstream.justoneapi.AttemptLog;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Counts upstream calls per endpoint per day in {@code xhs_upstream_usage}, and per client in
 * {@code xhs_client_usage}, one statement per call written before the call's answer is used: an instance that dies
 * loses at most the calls it had in flight, and every instance reads the same counts. Counts that cannot be written
 * (the database is down) are kept in memory and written by the next flush; until then they are still reported.
 */
@ApplicationScoped
public class UsageService implements AttemptLog {

    private record Key(LocalDate day, String endpoint, String clientId, LocalDate clientDay, Long leaseId) {}

    private record DayEndpoint(LocalDate day, String endpoint) {}

    private final Map<Key, AtomicIntegerArray> pending = new ConcurrentHashMap<>();
    private final SnapshotReader reader;
    private final ClientStore store;
    private final RequestCost requestCost;
    private final TimeSource time;
    private final ZoneId zone;
    private final StatementTimer timer;

    UsageService(SnapshotReader reader, ClientStore store, RequestCost requestCost, TimeSource time,
            XhsConfig config, MeterRegistry metrics) {
        this.timer = new StatementTimer(metrics, config.cluster().giveUpAfter());
        this.reader = reader;
        this.store = store;
        this.requestCost = requestCost;
        this.time = time;
        this.zone = config.upstream().usageZone();
    }

    @Override
    public Uni<Void> record(UpstreamAttempt attempt) {
        RequestCost.Payer payer = Arc.container().requestContext().isActive() ? requestCost.payer() : null;
        CallCount count = new CallCount(today(), attempt.endpoint().path(), 1, attempt.billed() ? 1 : 0,
                attempt.failed() ? 1 : 0, payer == null ? null : payer.clientId(), payer == null ? null : payer.day(),
                payer == null ? null : payer.leaseId());
        return timer.timed("count", Uni.createFrom().deferred(() -> store.countCalls(List.of(count))))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not count an upstream call now, keeping it for the next flush: %s",
                            failure.toString());
                    add(count);
                    return null;
                });
    }

    /** Writes the counts that could not be written when their calls were made. */
    @Scheduled(every = "${xhs.upstream.usage-flush-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
        List<CallCount> batch = drain();
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.countCalls(batch)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not store upstream usage, keeping it for the next flush: %s", failure.toString());
                    batch.forEach(this::add);
                    return null;
                });
    }

    void flushAtShutdown(@Observes ShutdownEvent event) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            flush().await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Log.warnf("Could not store upstream usage at shutdown: %s", e.toString());
        }
    }

    /** Usage between two days inclusive: what is stored plus what is still pending, by day then endpoint. */
    public Uni<List<Usage>> between(LocalDate from, LocalDate to) {
        return reader.usage(from, to).map(stored -> {
            Map<DayEndpoint, int[]> merged = new TreeMap<>(Comparator.comparing(DayEndpoint::day)
                    .thenComparing(DayEndpoint::endpoint));
            for (Usage u : stored) {
                merged.merge(new DayEndpoint(u.day(), u.endpoint()), new int[]{u.calls(), u.billed(), u.failed()},
                        UsageService::sum);
            }
            pending.forEach((key, counts) -> {
                if (!key.day().isBefore(from) && !key.day().isAfter(to)) {
                    merged.merge(new DayEndpoint(key.day(), key.endpoint()),
                            new int[]{counts.get(0), counts.get(1), counts.get(2)}, UsageService::sum);
                }
            });
            List<Usage> result = new ArrayList<>();
            merged.forEach((key, c) -> result.add(new Usage(key.day(), key.endpoint(), c[0], c[1], c[2])));
            return result;
        });
    }

    /** Today in the accounting time zone. */
    public LocalDate today() {
        return time.now().atZone(zone).toLocalDate();
    }

    private List<CallCount> drain() {
        List<CallCount> batch = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            AtomicIntegerArray c = pending.remove(key);
            if (c != null) {
                batch.add(new CallCount(key.day(), key.endpoint(), c.get(0), c.get(1), c.get(2), key.clientId(),
                        key.clientDay(), key.leaseId()));
            }
        }
        return batch;
    }

    private void add(CallCount c) {
        AtomicIntegerArray counts = pending.computeIfAbsent(
                new Key(c.day(), c.endpoint(), c.clientId(), c.clientDay(), c.leaseId()),
                k -> new AtomicIntegerArray(3));
        counts.addAndGet(0, c.calls());
        counts.addAndGet(1, c.billed());
        counts.addAndGet(2, c.failed());
    }

    private static int[] sum(int[] a, int[] b) {
        return new int[]{a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }
}
