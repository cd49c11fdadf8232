package com.xhsgraph.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

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

    SnapshotFirst(SnapshotPolicy policy, TimeSource time, RequestLedger ledger) {
        this.policy = policy;
        this.time = time;
        this.ledger = ledger;
    }

    /**
     * @param what names the data in messages, e.g. "the profile of 5c2f...".
     * @param kind the kind of data, for its default maximum age
     * @param maxAgeSeconds the query's maxAge, or null
     * @param stored reads the snapshot, empty when there is none
     * @param fetch calls the upstream and stores what it returns
     */
    public <T> Uni<Served<T>> serve(String what, SnapshotPolicy.Kind kind, Integer maxAgeSeconds,
            Supplier<Uni<Optional<Stored<T>>>> stored, Supplier<Uni<T>> fetch) {
        Duration maxAge = policy.maxAge(kind, maxAgeSeconds);
        if (policy.offline()) {
            return lookup(what, stored).map(found -> {
                Stored<T> s = found.orElseThrow(() -> new NotInSnapshotException(
                        "Offline mode: no snapshot of " + what));
                return new Served<>(s.value(), Provenance.snapshot(s.fetchedAt(), olderThan(s, maxAge)));
            });
        }
        Uni<Optional<Stored<T>>> first = maxAge.isZero()
                ? Uni.createFrom().item(Optional.empty())
                : lookup(what, stored);
        return first.flatMap(found -> {
            if (found.isPresent() && !olderThan(found.get(), maxAge)) {
                Stored<T> s = found.get();
                return Uni.createFrom().item(new Served<>(s.value(), Provenance.snapshot(s.fetchedAt(), false)));
            }
            return fetch.get()
                    .map(value -> new Served<>(value, Provenance.upstream(time.now())))
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

    private <T> Uni<Optional<Stored<T>>> lookup(String what, Supplier<Uni<Optional<Stored<T>>>> stored) {
        return Uni.createFrom().<Optional<Stored<T>>>deferred(stored::get).onFailure().recoverWithItem(failure -> {
            Log.warnf("Could not read the snapshot of %s: %s", what, failure.toString());
            ledger.warn("SNAPSHOT_UNAVAILABLE", "The snapshot database could not be read; asked the upstream");
            return Optional.empty();
        });
    }
}
