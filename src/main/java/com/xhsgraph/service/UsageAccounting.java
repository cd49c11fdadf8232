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

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.snapshot.IsolatedSessions;
import com.xhsgraph.snapshot.UsageRepository;
import com.xhsgraph.upstream.justoneapi.UpstreamUsageListener;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Counts upstream calls per endpoint per day in memory and adds them to {@code xhs_upstream_usage} every few seconds
 * (and at shutdown), so that counting costs no database write per call. Counts a flush could not write are kept for
 * the next one.
 */
@ApplicationScoped
public class UsageAccounting implements UpstreamUsageListener {

    /** One row of usage: a day, an endpoint, and its calls, billed calls and failed calls. */
    public record Usage(LocalDate day, String endpoint, int calls, int billed, int failed) {}

    private record Key(LocalDate day, String endpoint) {}

    private final Map<Key, AtomicIntegerArray> pending = new ConcurrentHashMap<>();
    private final IsolatedSessions sessions;
    private final UsageRepository usage;
    private final TimeSource time;
    private final ZoneId zone;

    UsageAccounting(IsolatedSessions sessions, UsageRepository usage, TimeSource time, XhsConfig config) {
        this.sessions = sessions;
        this.usage = usage;
        this.time = time;
        this.zone = config.upstream().usageZone();
    }

    @Override
    public void onCall(String endpoint, boolean billed, boolean failed) {
        AtomicIntegerArray counts = pending.computeIfAbsent(new Key(today(), endpoint), k -> new AtomicIntegerArray(3));
        counts.incrementAndGet(0);
        if (billed) {
            counts.incrementAndGet(1);
        }
        if (failed) {
            counts.incrementAndGet(2);
        }
    }

    /** Adds the pending counts to the database. */
    @Scheduled(every = "${xhs.upstream.usage-flush-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
        List<Usage> batch = drain();
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.inTransaction(() -> usage.add(batch))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not store upstream usage, keeping it for the next flush: %s", failure.toString());
                    batch.forEach(u -> add(u));
                    return null;
                });
    }

    void flushAtShutdown(@jakarta.enterprise.event.Observes ShutdownEvent event) {
        try {
            flush().await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Log.warnf("Could not store upstream usage at shutdown: %s", e.toString());
        }
    }

    /** Usage between two days inclusive: what is stored plus what is still pending, by day then endpoint. */
    public Uni<List<Usage>> between(LocalDate from, LocalDate to) {
        return sessions.inSession(() -> usage.between(from, to)).map(stored -> {
            Map<Key, int[]> merged = new TreeMap<>(Comparator.comparing(Key::day).thenComparing(Key::endpoint));
            for (Usage u : stored) {
                merged.merge(new Key(u.day(), u.endpoint()), new int[]{u.calls(), u.billed(), u.failed()},
                        UsageAccounting::sum);
            }
            pending.forEach((key, counts) -> {
                if (!key.day().isBefore(from) && !key.day().isAfter(to)) {
                    merged.merge(key, new int[]{counts.get(0), counts.get(1), counts.get(2)}, UsageAccounting::sum);
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

    private List<Usage> drain() {
        List<Usage> batch = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            AtomicIntegerArray counts = pending.remove(key);
            if (counts != null) {
                batch.add(new Usage(key.day(), key.endpoint(), counts.get(0), counts.get(1), counts.get(2)));
            }
        }
        return batch;
    }

    private void add(Usage u) {
        AtomicIntegerArray counts = pending.computeIfAbsent(new Key(u.day(), u.endpoint()),
                k -> new AtomicIntegerArray(3));
        counts.addAndGet(0, u.calls());
        counts.addAndGet(1, u.billed());
        counts.addAndGet(2, u.failed());
    }

    private static int[] sum(int[] a, int[] b) {
        return new int[]{a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }
}
