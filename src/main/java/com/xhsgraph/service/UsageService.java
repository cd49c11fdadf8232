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

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.UpstreamAttempt;
import com.xhsgraph.service.model.Usage;
import com.xhsgraph.snapshot.SnapshotReader;
import com.xhsgraph.snapshot.SnapshotWriter;

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
public class UsageService {

    private record Key(LocalDate day, String endpoint) {}

    private final Map<Key, AtomicIntegerArray> pending = new ConcurrentHashMap<>();
    private final SnapshotReader reader;
    private final SnapshotWriter writer;
    private final TimeSource time;
    private final ZoneId zone;

    UsageService(SnapshotReader reader, SnapshotWriter writer, TimeSource time, XhsConfig config) {
        this.reader = reader;
        this.writer = writer;
        this.time = time;
        this.zone = config.upstream().usageZone();
    }

    void counted(@Observes UpstreamAttempt attempt) {
        AtomicIntegerArray counts = pending.computeIfAbsent(new Key(today(), attempt.endpoint().path()),
                k -> new AtomicIntegerArray(3));
        counts.incrementAndGet(0);
        if (attempt.billed()) {
            counts.incrementAndGet(1);
        }
        if (attempt.failed()) {
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
        return writer.addUsage(batch)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not store upstream usage, keeping it for the next flush: %s", failure.toString());
                    batch.forEach(u -> add(u));
                    return null;
                });
    }

    void flushAtShutdown(@Observes ShutdownEvent event) {
        try {
            flush().await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Log.warnf("Could not store upstream usage at shutdown: %s", e.toString());
        }
    }

    /** Usage between two days inclusive: what is stored plus what is still pending, by day then endpoint. */
    public Uni<List<Usage>> between(LocalDate from, LocalDate to) {
        return reader.usage(from, to).map(stored -> {
            Map<Key, int[]> merged = new TreeMap<>(Comparator.comparing(Key::day).thenComparing(Key::endpoint));
            for (Usage u : stored) {
                merged.merge(new Key(u.day(), u.endpoint()), new int[]{u.calls(), u.billed(), u.failed()},
                        UsageService::sum);
            }
            pending.forEach((key, counts) -> {
                if (!key.day().isBefore(from) && !key.day().isAfter(to)) {
                    merged.merge(key, new int[]{counts.get(0), counts.get(1), counts.get(2)}, UsageService::sum);
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
