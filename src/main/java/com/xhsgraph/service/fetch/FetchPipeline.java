package com.xhsgraph.service.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.RequestCost.WarningCode;
import com.xhsgraph.service.model.Answer;
import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.Fetched;
import com.xhsgraph.service.model.InvalidInputException;
import com.xhsgraph.service.model.NotInSnapshotException;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.Provenance;
import com.xhsgraph.service.model.RequestCancelledException;
import com.xhsgraph.service.model.ShareTarget;
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

    /** A "no such thing" answer, believed until {@code until}. */
    private record Missing(UpstreamException answer, Instant until) {}

    private static final String LATEST = "latest";
    private static final String NORMAL = "normal";

    private final JustOneApiClient upstream;
    private final SnapshotWriter writer;
    private final Freshness freshness;
    private final TimeSource time;
    private final SingleFlight singleFlight;
    private final SharedFlight sharedFlight;
    private final RequestCache requestCache;
    private final RequestCost cost;
    private final SnapshotReads reads;
    private final CursorKeys cursorKeys;
    /**
     * The most recently used snapshots, so that hot data is served without a database round trip. An entry is served
     * only while it is fresh enough, exactly like a row read from the database.
     */
    private final Cache<CallKey, Fetched<?>> hot;
    /** Calls the upstream answered "no such thing" to, not made again for a while: every call is billed. */
    private final Cache<CallKey, Missing> missing;
    private final Duration notFoundTtl;

    FetchPipeline(JustOneApiClient upstream, SnapshotWriter writer, Freshness freshness, TimeSource time,
            SingleFlight singleFlight, RequestCache requestCache, RequestCost cost, SnapshotReads reads,
            XhsConfig config, CursorKeys cursorKeys, SharedFlight sharedFlight) {
        this.sharedFlight = sharedFlight;
        this.upstream = upstream;
        this.writer = writer;
        this.freshness = freshness;
        this.time = time;
        this.singleFlight = singleFlight;
        this.requestCache = requestCache;
        this.cost = cost;
        this.reads = reads;
        this.cursorKeys = cursorKeys;
        this.hot = Caffeine.newBuilder().maximumSize(config.snapshots().memoryCacheSize()).build();
        this.notFoundTtl = config.snapshots().notFoundTtl();
        // the entry's own deadline decides (on the service's clock); Caffeine's expiry only frees the memory
        this.missing = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(notFoundTtl).build();
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
        missing.invalidateAll();
    }

    private <T> Uni<Fetched<T>> serve(CallKey call, Integer maxAgeSeconds) {
        Duration maxAge = freshness.maxAge(call.endpoint(), maxAgeSeconds);
        Missing notFound = missing.getIfPresent(call);
        if (notFound != null && notFound.until().isAfter(time.now())) {
            cost.savedBySnapshot();
            return Uni.createFrom().failure(notFound.answer());
        }
        if (!freshness.enabled()) {
            return fetchOnce(call, null);
        }
        if (freshness.offline()) {
            return this.<T>cachedOrStored(call, maxAge).map(found -> {
                Fetched<T> s = found.orElseThrow(() -> new NotInSnapshotException(
                        "Offline mode: no snapshot of " + call.describe()));
                cost.savedBySnapshot();
                return new Fetched<>(s.value(), Provenance.snapshot(s.fetchedAt(), olderThan(s, maxAge)));
            });
        }
        return this.<T>cachedOrStored(call, maxAge).flatMap(found -> {
            if (found.isPresent() && !olderThan(found.get(), maxAge)) {
                cost.savedBySnapshot();
                return Uni.createFrom().item(found.get());
            }
            return this.<T>fetchOnce(call, found.map(Fetched::fetchedAt).orElse(null))
                    .onFailure(FetchPipeline::staleIfError).recoverWithUni(failure -> {
                        Uni<Optional<Fetched<T>>> fallback = found.isPresent()
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

    /**
     * Calls the upstream, once for all concurrent requests making the same call on every instance, and stores the
     * answer. With snapshots on, an instance that finds the same call in flight on another instance waits for it and
     * serves what it stored, when that is newer than {@code had} (what this instance found, null: nothing).
     */
    private <T> Uni<Fetched<T>> fetchOnce(CallKey call, Instant had) {
        String cancelled = cost.cancelled();
        if (cancelled != null) {
            return Uni.createFrom().failure(new RequestCancelledException("Did not call the upstream for "
                    + call.describe() + ": " + cancelled));
        }
        return singleFlight.run(call, cost.arrivedNanos(), () -> freshness.enabled()
                ? sharedFlight.run(call, () -> this.<T>fetchAndStore(call), () -> this.<T>landed(call, had),
                        cost::cancelled, cost::savedBySingleFlight)
                : this.<T>fetchAndStore(call),
                cost::savedBySingleFlight);
    }

    /** What another instance stored for {@code call}, when it is newer than {@code had}. */
    private <T> Uni<Optional<Fetched<T>>> landed(CallKey call, Instant had) {
        return this.<T>stored(call)
                .map(found -> found.filter(s -> s.fetchedAt() != null && (had == null || s.fetchedAt().isAfter(had))))
                .invoke(found -> found.ifPresent(s -> hot.put(call, s)));
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<Fetched<T>> fetchAndStore(CallKey call) {
        Uni<? extends Answer<?>> answer = switch (call.endpoint()) {
            case USER -> upstream.user(call.id());
            case NOTE_DETAIL -> upstream.note(call.id());
            case NOTE_LIST -> upstream.notes(call.id(), call.cursor());
            case COMMENTS -> comments(call);
            case REPLIES -> upstream.replies(call.noteId(), call.id(), call.cursor());
            case SEARCH_NOTES -> upstream.searchNotes(call.id(), pageNumber(call), call.sort().split("/")[0],
                    call.sort().split("/")[1]);
            case SEARCH_USERS -> upstream.searchUsers(call.id(), pageNumber(call));
            case SHARE_LINK -> upstream.shareLink(call.id());
        };
        return answer.flatMap(fetched -> {
            Instant at = time.now();
            Object value = fetched.value();
            Fetched<T> served = new Fetched<>((T) value, Provenance.upstream(at));
            if (!freshness.enabled()) {
                return Uni.createFrom().item(served);
            }
            hot.put(call, new Fetched<>(value, Provenance.snapshot(at, false)));
            return store(call, fetched, at).flatMap(stored -> stored && call.endpoint() == Endpoint.NOTE_DETAIL
                    ? this.<T>asStored(call, served)
                    : Uni.createFrom().item(served));
        }).onFailure(UpstreamException.class).invoke(failure -> {
            if (((UpstreamException) failure).kind() == UpstreamException.Kind.NOT_FOUND && !notFoundTtl.isZero()
                    && !notFoundTtl.isNegative()) {
                missing.put(call, new Missing((UpstreamException) failure, time.now().plus(notFoundTtl)));
            }
        });
    }

    /**
     * A page of comments. The vendor advises asking again in its default order when {@code latest} returns nothing
     * for a note: a first page in {@code latest} order that is empty while the note has comments is asked for again in
     * {@code normal} order (one more call, which the budget counts), and so are the pages after it: their cursors are
     * marked, so that a walk never sends a {@code normal} cursor with the {@code latest} order.
     */
    private Uni<Answer<Page<CommentData>>> comments(CallKey call) {
        String cursor = call.cursor();
        if (LATEST.equals(call.sort()) && cursor != null && cursor.startsWith(FELL_BACK)) {
            return upstream.comments(call.id(), NORMAL, cursor.substring(FELL_BACK.length()))
                    .map(FetchPipeline::fellBack);
        }
        return upstream.comments(call.id(), call.sort(), cursor).flatMap(answer -> {
            Page<CommentData> page = answer.value();
            boolean emptyLatest = LATEST.equals(call.sort()) && cursor == null && page.items().isEmpty()
                    && page.totalCount() != null && page.totalCount() > 0;
            return emptyLatest
                    ? upstream.comments(call.id(), NORMAL, null).map(FetchPipeline::fellBack)
                    : Uni.createFrom().item(answer);
        });
    }

    /** The page number of a search page: its cursor, 1 for the first. */
    private static int pageNumber(CallKey call) {
        try {
            return call.cursor() == null ? 1 : Math.max(1, Integer.parseInt(call.cursor()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Malformed search cursor");
        }
    }

    /** Marks the cursor of a page asked for in {@code normal} order in place of {@code latest}; never sent upstream. */
    static final String FELL_BACK = "normal~";

    private static Answer<Page<CommentData>> fellBack(Answer<Page<CommentData>> answer) {
        Page<CommentData> p = answer.value();
        String next = p.nextCursor() == null || p.nextCursor().isBlank() ? p.nextCursor() : FELL_BACK + p.nextCursor();
        return new Answer<>(new Page<>(p.items(), p.hasMore(), next, p.totalCount(), p.order(), p.provenance()),
                answer.raw());
    }

    /**
     * A note detail as stored, merged with what listings stored before it: a detail has no pinned flag, may have
     * fewer or smaller images and an empty title, and the merge keeps the better values (see the writer).
     */
    private <T> Uni<Fetched<T>> asStored(CallKey call, Fetched<T> fetched) {
        return this.<T>stored(call).map(found -> found.map(stored -> {
            hot.put(call, stored);
            return new Fetched<>(stored.value(), fetched.provenance());
        }).orElse(fetched));
    }

    /**
     * Stores an answer; a failure is logged and reported as a warning, never failing data already paid for.
     *
     * @return whether it was stored
     */
    @SuppressWarnings("unchecked")
    private Uni<Boolean> store(CallKey call, Answer<?> answer, Instant at) {
        Object value = answer.value();
        Uni<Void> write = switch (call.endpoint()) {
            case USER -> writer.profile((ProfileData) value, answer.raw(), at);
            case NOTE_DETAIL -> writer.note((NoteData) value, answer.raw(), at);
            case NOTE_LIST -> writer.notePage(call, (Page<NoteData>) value, answer.raw(), at);
            case COMMENTS, REPLIES -> writer.commentPage(call, (Page<CommentData>) value, answer.raw(), at);
            case SEARCH_NOTES -> writer.notePage(call, (Page<NoteData>) value, answer.raw(), at);
            case SEARCH_USERS -> writer.userPage(call, (Page<ProfileData>) value, at);
            case SHARE_LINK -> writer.shareLink((ShareTarget) value, at);
        };
        return write.replaceWith(true).onFailure().recoverWithItem(failure -> {
            Log.warnf("Could not store %s: %s", call.describe(), failure.toString());
            cost.warn(WarningCode.PERSISTENCE_FAILED, "Fetched data could not be stored; it was returned all the same");
            return false;
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

    /**
     * Whether a snapshot is older than {@code maxAge} was when this request arrived: a fetch that ended after the
     * request arrived satisfies even {@code maxAge: 0}; one that ended as it arrived does not.
     */
    private boolean olderThan(Fetched<?> stored, Duration maxAge) {
        return olderThan(stored.fetchedAt(), maxAge);
    }

    private boolean olderThan(Instant fetchedAt, Duration maxAge) {
        return fetchedAt == null || !fetchedAt.plus(maxAge).isAfter(cost.arrivedAt());
    }

    /**
     * Whether data that came with {@code provenance} (say, the reply preview of a comment page) may stand in for a call
     * of {@code endpoint} at {@code maxAge} seconds: it is fresh enough for this request, or it is what the service
     * serves anyway (offline, or a snapshot standing in for an upstream that just failed).
     */
    public boolean standsInFor(Provenance provenance, Endpoint endpoint, Integer maxAge) {
        if (freshness.offline() || (provenance != null && provenance.stale())) {
            return true;
        }
        return provenance != null && !olderThan(provenance.fetchedAt(), freshness.maxAge(endpoint, maxAge));
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

    /** Signs the cursors of the connections and checks those clients send back. */
    public CursorSigner cursors() {
        return cursorKeys.signer();
    }
}
