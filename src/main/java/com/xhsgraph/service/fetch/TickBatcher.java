package com.xhsgraph.service.fetch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Gathers the keys asked for during one turn of the event loop and loads them with one call, like a GraphQL data
 * loader: GraphQL resolves the same field of every item of a list in one synchronous pass, so the reads those
 * resolvers ask for land in one batch, one database round trip. Off an event loop it loads each key at once.
 * <p>
 * SmallRye GraphQL's own batching ({@code @Source List<...>}) cannot carry per-field arguments (a batch takes the first
 * item's), so fields with arguments batch their reads here instead.
 */
final class TickBatcher<K, V> {

    private final Function<List<K>, Uni<Map<K, V>>> loader;
    private Map<K, List<UniEmitter<? super V>>> pending;

    /** @param loader loads many keys at once; a key absent from its answer loads as null */
    TickBatcher(Function<List<K>, Uni<Map<K, V>>> loader) {
        this.loader = loader;
    }

    /** The value of {@code key} (null when the loader has none), loaded with the other keys of this turn. */
    Uni<V> load(K key) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            if (context == null) {
                flush(Map.of(key, List.of(emitter)));
                return;
            }
            boolean first;
            synchronized (this) {
                first = pending == null;
                if (first) {
                    pending = new LinkedHashMap<>();
                }
                pending.computeIfAbsent(key, k -> new ArrayList<>(1)).add(emitter);
            }
            if (first) {
                context.runOnContext(ignored -> {
                    Map<K, List<UniEmitter<? super V>>> batch;
                    synchronized (this) {
                        batch = pending;
                        pending = null;
                    }
                    flush(batch);
                });
            }
        });
    }

    private void flush(Map<K, List<UniEmitter<? super V>>> batch) {
        Uni<Map<K, V>> loaded;
        try {
            loaded = loader.apply(List.copyOf(batch.keySet()));
        } catch (RuntimeException e) {
            loaded = Uni.createFrom().failure(e);
        }
        loaded.subscribe().with(values -> batch.forEach((key, emitters) -> {
            V value = values.get(key);
            emitters.forEach(e -> e.complete(value));
        }), failure -> batch.values().forEach(emitters -> emitters.forEach(e -> e.fail(failure))));
    }
}
