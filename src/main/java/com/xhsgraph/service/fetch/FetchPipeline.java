package com.xhsgraph.service.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.RequestCost.WarningCode;
import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.Fetched;
import com.xhsgraph.service.model.NotInSnapshotException;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.Provenance;
import com.xhsgraph.service.model.Sourced;
import com.xhsgraph.service.model.UpstreamException;
import com.xhsgraph.snapshot.SnapshotWriter;
import com.xhsgraph.upstream.justoneapi.JustOneApiClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The one way the service gets upstream data, snapshot or fetch, for every kind of call:
 * <ol>
 * <li>once per request: every field that needs the same call (at the same {@code maxAge}) shares one answer;</li>
 * <li>a snapshot fresh enough for the request's {@code maxAge} (from memory, else from the database, read in batches)
 * is served without a call;</li>
 * <li>otherwise the upstream is called, once for all concurrent requests making the same call (single flight), and
 * what it returned is stored in a short transaction of its own;</li>
 * <li>when the upstream fails in a way a later retry could fix, a stored snapshot stands in, marked stale, with a
 * warning; a database that cannot be read counts as holding nothing.</li>
 * </ol>
 */
@ApplicationScoped
public class FetchPipeline {

    private record Memo(CallKey call, Integer maxAge) {}

    private final JustOneApiClient upstream;
    private final SnapshotWriter writer;
    private final Freshness freshness;
    private final TimeSource time;
    private final SingleFlight singleFlight;
    private final RequestCache requestCache;
    private final RequestCost cost;
    private final SnapshotReads reads;
    /**
     * The most recently used snapshots, so that hot data is served without a database round trip. An entry is served
     * only while it is fresh enough, exactly like a row read from the database.
     */
    private final Cache<CallKey, Fetched<?>> hot;

    FetchPipeline(JustOneApiClient upstream, SnapshotWriter writer, Freshness freshness, TimeSource time,
            SingleFlight singleFlight, RequestCache requestCache, RequestCost cost, SnapshotReads reads,
            XhsConfig config) {
        this.upstream = upstream;
        this.writer = writer;
        this.freshness = freshness;
        this.time = time;
        this.singleFlight = singleFlight;
        this.requestCache = requestCache;
        this.cost = cost;
        this.reads = reads;
        this.hot = Caffeine.newBuilder().maximumSize(config.snapshots().memoryCacheSize()).build();
    }

    /**
     * The answer to {@code call}, no older than {@code maxAge} seconds (null: the configured freshness of its
     * endpoint), marked with where it came from.
     */
    public <T extends Sourced<T>> Uni<T> get(CallKey call, Integer maxAge) {
        return requestCache.once(new Memo(call, maxAge), () -> this.<T>serve(call, maxAge)
                .map(served -> served.value().withProvenance(served.provenance())));
    }

    /** Forgets the snapshots held in memory (the database keeps them); for tests that empty the database. */
    public void forgetCached() {
        hot.invalidateAll();
    }

    private <T> Uni<Fetched<T>> serve(CallKey call, Integer maxAgeSeconds) {
        Duration maxAge = freshness.maxAge(call.endpoint(), maxAgeSeconds);
        if (!freshness.enabled()) {
            return fetchOnce(call);
        }
        if (freshness.offline()) {
            return this.<T>cachedOrStored(call, maxAge).map(found -> {
                Fetched<T> s = found.orElseThrow(() -> new NotInSnapshotException(
                        "Offline mode: no snapshot of " + call.describe()));
                cost.savedBySnapshot();
                return new Fetched<>(s.value(), Provenance.snapshot(s.fetchedAt(), olderThan(s, maxAge)));
            });
        }
        Uni<Optional<Fetched<T>>> first = maxAge.isZero()
                ? Uni.createFrom().item(Optional.empty())
                : cachedOrStored(call, maxAge);
        return first.flatMap(found -> {
            if (found.isPresent() && !olderThan(found.get(), maxAge)) {
                cost.savedBySnapshot();
                return Uni.createFrom().item(found.get());
            }
            return this.<T>fetchOnce(call)
                    .onFailure(FetchPipeline::staleIfError).recoverWithUni(failure -> {
                        Uni<Optional<Fetched<T>>> fallback = found.isPresent() || !maxAge.isZero()
                                ? Uni.createFrom().item(found)
                                : stored(call);
                        return fallback.map(snapshot -> {
                            Fetched<T> s = snapshot.orElseThrow(() -> (RuntimeException) failure);
                            cost.warn(WarningCode.STALE_SNAPSHOT, "Served a snapshot of " + call.describe()
                                    + " fetched at " + s.fetchedAt() + " because " + failure.getMessage());
                            return new Fetched<>(s.value(), Provenance.snapshot(s.fetchedAt(), true));
                        });
                    });
        });
    }

    /** Calls the upstream, once for all concurrent requests making the same call, and stores the answer. */
    private <T> Uni<Fetched<T>> fetchOnce(CallKey call) {
        return singleFlight.run(call, cost.arrivedNanos(), () -> this.<T>fetchAndStore(call),
                cost::savedBySingleFlight);
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<Fetched<T>> fetchAndStore(CallKey call) {
        Uni<?> answer = switch (call.endpoint()) {
            case USER -> upstream.user(call.id());
            case NOTE_DETAIL -> upstream.note(call.id());
            case NOTE_LIST -> upstream.notes(call.id(), call.cursor());
            case COMMENTS -> upstream.comments(call.id(), call.sort(), call.cursor());
            case REPLIES -> upstream.replies(call.noteId(), call.id(), call.cursor());
        };
        return answer.flatMap(value -> {
            Instant at = time.now();
            Fetched<T> fetched = new Fetched<>((T) value, Provenance.upstream(at));
            if (!freshness.enabled()) {
                return Uni.createFrom().item(fetched);
            }
            hot.put(call, new Fetched<>(value, Provenance.snapshot(at, false)));
            return store(call, value, at).replaceWith(fetched);
        });
    }

    /** Stores an answer; a failure is logged and reported as a warning, never failing data already paid for. */
    @SuppressWarnings("unchecked")
    private Uni<Void> store(CallKey call, Object value, Instant at) {
        Uni<Void> write = switch (call.endpoint()) {
            case USER -> writer.profile((ProfileData) value, at);
            case NOTE_DETAIL -> writer.note((NoteData) value, at);
            case NOTE_LIST -> writer.notePage(call, (Page<NoteData>) value, at);
            case COMMENTS, REPLIES -> writer.commentPage(call, (Page<CommentData>) value, at);
        };
        return write.onFailure().recoverWithUni(failure -> {
            Log.warnf("Could not store %s: %s", call.describe(), failure.toString());
            cost.warn(WarningCode.PERSISTENCE_FAILED, "Fetched data could not be stored; it was returned all the same");
            return Uni.createFrom().voidItem();
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

    private boolean olderThan(Fetched<?> stored, Duration maxAge) {
        Instant fetchedAt = stored.fetchedAt();
        return fetchedAt == null || fetchedAt.plus(maxAge).isBefore(time.now());
    }

    /** The snapshot held in memory when it is fresh enough, else the stored one (which then goes to memory). */
    @SuppressWarnings("unchecked")
    private <T> Uni<Optional<Fetched<T>>> cachedOrStored(CallKey call, Duration maxAge) {
        Fetched<T> cached = (Fetched<T>) hot.getIfPresent(call);
        if (cached != null && !olderThan(cached, maxAge)) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return this.<T>stored(call).invoke(found -> found.ifPresent(s -> hot.put(call, s)));
    }

    /** The stored snapshot; empty when there is none or the database cannot be read. */
    @SuppressWarnings("unchecked")
    private <T> Uni<Optional<Fetched<T>>> stored(CallKey call) {
        return Uni.createFrom().deferred(() -> reads.stored(call))
                .map(found -> Optional.ofNullable((Fetched<T>) found))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not read the snapshot of %s: %s", call.describe(), failure.toString());
                    cost.warn(WarningCode.SNAPSHOT_UNAVAILABLE,
                            "The snapshot database could not be read; asked the upstream");
                    return Optional.empty();
                });
    }
}
