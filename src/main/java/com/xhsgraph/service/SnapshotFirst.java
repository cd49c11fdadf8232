package com.xhsgraph.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.upstream.justoneapi.UpstreamException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Snapshot or fetch: serves a stored value while it is fresh enough, else calls the upstream (and the caller stores
 * the result); when the upstream fails in a way a retry later could fix, serves the stored value anyway, marked stale,
 * with a warning. A database that cannot be read counts as holding nothing: the upstream still answers.
 */
@ApplicationScoped
public class SnapshotFirst {

    private final SnapshotPolicy policy;
    private final TimeSource time;
    private final RequestLedger ledger;
    private final SingleFlight singleFlight;
    /**
     * The most recently used snapshots, by call key, so that hot data is served without a database round trip. An
     * entry is served only while it is fresh enough, exactly like a row read from the database.
     */
    private final Cache<String, Stored<?>> hot;

    SnapshotFirst(SnapshotPolicy policy, TimeSource time, RequestLedger ledger, SingleFlight singleFlight,
            XhsConfig config) {
        this.policy = policy;
        this.time = time;
        this.ledger = ledger;
        this.singleFlight = singleFlight;
        this.hot = Caffeine.newBuilder().maximumSize(config.snapshots().memoryCacheSize()).build();
    }

    /**
     * @param callKey identifies the upstream call (endpoint and parameters): identical calls in flight are shared
     * @param what names the data in messages, e.g. "the profile of 5c2f...".
     * @param kind the kind of data, for its default maximum age
     * @param maxAgeSeconds the query's maxAge, or null
     * @param stored reads the snapshot, empty when there is none
     * @param fetch calls the upstream and stores what it returns
     */
    public <T> Uni<Served<T>> serve(String callKey, String what, SnapshotPolicy.Kind kind, Integer maxAgeSeconds,
            Supplier<Uni<Optional<Stored<T>>>> stored, Supplier<Uni<T>> fetch) {
        Duration maxAge = policy.maxAge(kind, maxAgeSeconds);
        if (!policy.enabled()) {
            return singleFlight.run(callKey, ledger.startedNanos(), fetch, ledger::savedBySingleFlight)
                    .map(value -> new Served<>(value, Provenance.upstream(time.now())));
        }
        if (policy.offline()) {
            return cachedOrStored(callKey, what, stored, maxAge).map(found -> {
                Stored<T> s = found.orElseThrow(() -> new NotInSnapshotException(
                        "Offline mode: no snapshot of " + what));
                ledger.savedBySnapshot();
                return new Served<>(s.value(), Provenance.snapshot(s.fetchedAt(), olderThan(s, maxAge)));
            });
        }
        Uni<Optional<Stored<T>>> first = maxAge.isZero()
                ? Uni.createFrom().item(Optional.empty())
                : cachedOrStored(callKey, what, stored, maxAge);
        return first.flatMap(found -> {
            if (found.isPresent() && !olderThan(found.get(), maxAge)) {
                Stored<T> s = found.get();
                ledger.savedBySnapshot();
                return Uni.createFrom().item(new Served<>(s.value(), Provenance.snapshot(s.fetchedAt(), false)));
            }
            return singleFlight.run(callKey, ledger.startedNanos(), fetch, ledger::savedBySingleFlight)
                    .map(value -> {
                        Instant now = time.now();
                        hot.put(callKey, new Stored<>(value, now));
                        return new Served<>(value, Provenance.upstream(now));
                    })
                    .onFailure(SnapshotFirst::staleIfError).recoverWithUni(failure -> {
                        Uni<Optional<Stored<T>>> fallback = found.isPresent() || !maxAge.isZero()
                                ? Uni.createFrom().item(found)
                                : lookup(what, stored);
                        return fallback.map(snapshot -> {
                            if (snapshot.isEmpty()) {
                                throw (RuntimeException) failure;
                            }
                            Stored<T> s = snapshot.get();
                            UpstreamException upstream = (UpstreamException) failure;
                            ledger.warn("STALE_SNAPSHOT", "Served a snapshot of " + what + " fetched at "
                                    + s.fetchedAt() + " because " + upstream.getMessage());
                            return new Served<>(s.value(), Provenance.snapshot(s.fetchedAt(), true));
                        });
                    });
        });
    }

    /** Forgets the snapshots held in memory (the database keeps them); for tests that empty the database. */
    public void forgetCached() {
        hot.invalidateAll();
    }

    /** The upstream failures a stored value may stand in for: temporary ones and the account running dry. */
    static boolean staleIfError(Throwable failure) {
        if (!(failure instanceof UpstreamException upstream)) {
            return false;
        }
        return switch (upstream.kind()) {
            case UNAVAILABLE, RATE_LIMITED, QUOTA_EXCEEDED, BALANCE_EXHAUSTED -> true;
            case AUTH, REJECTED, NOT_FOUND -> false;
        };
    }

    private boolean olderThan(Stored<?> stored, Duration maxAge) {
        Instant fetchedAt = stored.fetchedAt();
        return fetchedAt == null || fetchedAt.plus(maxAge).isBefore(time.now());
    }

    /** The cached snapshot when it is fresh enough, else the stored one (which then goes to the cache). */
    @SuppressWarnings("unchecked")
    private <T> Uni<Optional<Stored<T>>> cachedOrStored(String callKey, String what,
            Supplier<Uni<Optional<Stored<T>>>> stored, Duration maxAge) {
        Stored<T> cached = (Stored<T>) hot.getIfPresent(callKey);
        if (cached != null && !olderThan(cached, maxAge)) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return lookup(what, stored).invoke(found -> found.ifPresent(s -> hot.put(callKey, s)));
    }

    private <T> Uni<Optional<Stored<T>>> lookup(String what, Supplier<Uni<Optional<Stored<T>>>> stored) {
        return Uni.createFrom().<Optional<Stored<T>>>deferred(stored::get).onFailure().recoverWithItem(failure -> {
            Log.warnf("Could not read the snapshot of %s: %s", what, failure.toString());
            ledger.warn("SNAPSHOT_UNAVAILABLE", "The snapshot database could not be read; asked the upstream");
            return Optional.empty();
        });
    }
}
