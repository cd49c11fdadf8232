package com.xhsgraph.service.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.service.model.CallKey;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Identical upstream calls in flight at the same time, from any number of concurrent requests, become one call whose
 * result all of them share. The first request makes the call (and stores the result); the others wait for it.
 * <p>
 * A request that started before an identical call finished may also take that call's result just after it finished:
 * the result is at least as fresh as the call the request would have made itself. Without this, a request that looked
 * for a snapshot just before the shared call stored one, and asked to join just after it finished, would pay for the
 * same call again.
 */
@ApplicationScoped
public class SingleFlight {

    /** How long a finished call's result stays available to requests that started before it finished. */
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Finished(long atNanos, Object value) {}

    private final Map<CallKey, Flight<?>> inFlight = new ConcurrentHashMap<>();
    private final Cache<CallKey, Finished> recent = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(RECENT_NANOS, TimeUnit.NANOSECONDS).build();
    private final MeterRegistry metrics;

    SingleFlight(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    private static final class Flight<T> {
        volatile Uni<T> call;
    }

    /**
     * @param key identifies the call: endpoint and parameters
     * @param requestStartedNanos when the request asking started ({@link System#nanoTime()})
     * @param work makes the call; runs only when no identical call is in flight or just finished
     * @param joined told when this caller shares a call another caller made
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> run(CallKey key, long requestStartedNanos, Supplier<Uni<T>> work, Runnable joined) {
        return Uni.createFrom().deferred(() -> {
            Finished done = recent.getIfPresent(key);
            if (done != null && done.atNanos() - requestStartedNanos >= 0) {
                share(key, joined);
                return Uni.createFrom().item((T) done.value());
            }
            Flight<T> mine = new Flight<>();
            Flight<?> shared = inFlight.computeIfAbsent(key, k -> {
                mine.call = Uni.createFrom().<T>deferred(work::get)
                        .onItem().invoke(value -> recent.put(k, new Finished(System.nanoTime(), value)))
                        .onTermination().invoke(() -> inFlight.remove(k, mine))
                        .memoize().indefinitely();
                return mine;
            });
            if (shared != mine) {
                share(key, joined);
            }
            return (Uni<T>) shared.call;
        });
    }

    private void share(CallKey key, Runnable joined) {
        joined.run();
        metrics.counter("xhs.upstream.singleflight.joined", "endpoint", key.endpoint().path())
                .increment();
    }
}
