package com.xhsgraph.upstream.justoneapi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.cluster.SharedGate;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.model.Answer;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ShareTarget;
import com.xhsgraph.service.model.UpstreamAttempt;
import com.xhsgraph.service.model.UpstreamException;
import com.xhsgraph.service.model.UpstreamException.Kind;
import com.xhsgraph.upstream.justoneapi.dto.JoaEnvelope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * The one way into Just One API. Owns the timeout, the client-side rate limit and the bound on concurrent calls, the
 * retries (only of failures that were not billed), the breaker for account-level failures, the reading of the envelope
 * ({@code code == 0} is the only success, whatever the HTTP status), the metrics, the mapping of every answer to the
 * service's model and of every failure to an {@link UpstreamException} whose message carries neither the token nor the
 * upstream body. Every attempt that went out is announced as an {@link UpstreamAttempt} event.
 */
@ApplicationScoped
public class JustOneApiClient {

    private final UpstreamTarget target;
    private final XhsConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final Event<UpstreamAttempt> attempts;
    private final AsyncLimiter limiter;
    private final AccountBreaker breaker;
    private final Map<Endpoint, TokenBucket> buckets = new EnumMap<>(Endpoint.class);
    private final JoaMapping mapping;
    private final SharedGate shared;
    private final AttemptLog log;
    private volatile JustOneApiRestClient rest;
    private volatile long sharedWarnedAt;

    JustOneApiClient(UpstreamTarget target, XhsConfig config, ObjectMapper mapper, MeterRegistry metrics,
            Event<UpstreamAttempt> attempts, SharedGate shared, AttemptLog log) {
        this.target = target;
        this.shared = config.cluster().shared() ? shared : null;
        this.log = log;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
        this.attempts = attempts;
        this.mapping = new JoaMapping(mapper);
        this.sharedWarnedAt = System.nanoTime() - 61_000_000_000L;
        this.limiter = new AsyncLimiter(config.upstream().maxConcurrency());
        this.breaker = new AccountBreaker(config.upstream().breaker().coolDown().toNanos());
        for (Endpoint e : Endpoint.values()) {
            buckets.put(e, new TokenBucket(perSecond(e), config.upstream().rateLimit().burst(), System.nanoTime()));
        }
        metrics.gauge("xhs.upstream.breaker.open", this, c -> c.breaker.isOpen(System.nanoTime()) ? 1 : 0);
        metrics.gauge("xhs.upstream.in.flight", limiter, AsyncLimiter::inFlight);
    }

    /** A creator's complete profile; fails with {@link Kind#NOT_FOUND} when the upstream has no such user. */
    public Uni<Answer<ProfileData>> user(String userId) {
        return call(Endpoint.USER, (r, token) -> r.getUser(token, userId)).map(data -> mapping.profile(data, userId));
    }

    /** One page of a creator's notes, newest first after any pinned ones; {@code lastCursor} null for the first. */
    public Uni<Answer<Page<NoteData>>> notes(String userId, String lastCursor) {
        return call(Endpoint.NOTE_LIST, (r, token) -> r.getUserNoteList(token, userId, lastCursor))
                .map(mapping::notePage);
    }

    /** A note with its full text; fails with {@link Kind#NOT_FOUND} when the upstream returns no note. */
    public Uni<Answer<NoteData>> note(String noteId) {
        return call(Endpoint.NOTE_DETAIL, (r, token) -> r.getNoteDetail(token, noteId))
                .map(data -> mapping.detail(data, noteId));
    }

    /**
     * One page of a note's top-level comments, each with the replies the page previews inline; {@code sort} is
     * {@code latest}, {@code normal} or {@code like_count}.
     */
    public Uni<Answer<Page<CommentData>>> comments(String noteId, String sort, String lastCursor) {
        return call(Endpoint.COMMENTS, (r, token) -> r.getNoteComment(token, noteId, lastCursor, sort))
                .map(data -> mapping.commentPage(data, noteId));
    }

    /** One page of the replies under a top-level comment, oldest first. */
    public Uni<Answer<Page<CommentData>>> replies(String noteId, String rootId, String lastCursor) {
        return call(Endpoint.REPLIES, (r, token) -> r.getNoteSubComment(token, noteId, rootId, lastCursor))
                .map(data -> mapping.replyPage(data, noteId, rootId));
    }

    /**
     * Page {@code page} (from 1) of the notes {@code keyword} finds; {@code sort} is {@code general},
     * {@code popularity_descending}, {@code time_descending}, {@code comment_descending} or {@code collect_descending},
     * {@code noteType} {@code _0} (all), {@code _1} (video) or {@code _2} (image).
     */
    public Uni<Answer<Page<NoteData>>> searchNotes(String keyword, int page, String sort, String noteType) {
        return call(Endpoint.SEARCH_NOTES, (r, token) -> r.searchNote(token, keyword, page, sort, noteType))
                .map(data -> mapping.searchNotePage(data, page));
    }

    /** Page {@code page} (from 1) of the users {@code keyword} finds. */
    public Uni<Answer<Page<ProfileData>>> searchUsers(String keyword, int page) {
        return call(Endpoint.SEARCH_USERS, (r, token) -> r.searchUser(token, keyword, page))
                .map(data -> mapping.searchUserPage(data, page));
    }

    /** Where a share link leads; fails with {@link Kind#NOT_FOUND} when the upstream cannot expand it. */
    public Uni<Answer<ShareTarget>> shareLink(String link) {
        return call(Endpoint.SHARE_LINK, (r, token) -> r.shareUrlTransfer(token, link))
                .map(data -> mapping.shareTarget(data, link));
    }

    /** The {@code data} of a successful answer of {@code endpoint}, after the retries that may help. */
    private Uni<JsonNode> call(Endpoint endpoint, BiFunction<JustOneApiRestClient, String, Uni<Response>> request) {
        long deadline = System.nanoTime() + config.upstream().retry().maxTotal().toNanos();
        return attempt(endpoint, request, 1, deadline);
    }

    private Uni<JsonNode> attempt(Endpoint endpoint, BiFunction<JustOneApiRestClient, String, Uni<Response>> request,
            int attempt, long deadline) {
        return Uni.createFrom().<JsonNode>deferred(() -> {
            UpstreamException open = breaker.rejection(endpoint, System.nanoTime());
            if (open != null) {
                count(endpoint, "breaker_open", open.upstreamCode());
                return Uni.createFrom().failure(open);
            }
            return rateLimit(endpoint).chain(() -> limiter.submit(() -> send(endpoint, request, attempt)));
        }).onFailure(UpstreamException.class).recoverWithUni(failure -> {
            UpstreamException e = (UpstreamException) failure;
            if (!e.retryable() || attempt >= config.upstream().retry().maxAttempts()) {
                return Uni.createFrom().failure(e);
            }
            Duration backoff = backoff(attempt);
            if (System.nanoTime() + backoff.toNanos() > deadline) {
                return Uni.createFrom().failure(e);
            }
            if (e.kind() == Kind.RATE_LIMITED) {
                buckets.get(endpoint).drain(System.nanoTime());
                if (shared != null) {
                    shared.drain(endpoint.shortName(), perSecond(endpoint), config.upstream().rateLimit().burst())
                            .subscribe().with(ignored -> {
                            }, this::sharedStateFailed);
                }
            }
            metrics.counter("xhs.upstream.retries", "endpoint", endpoint.path()).increment();
            Log.debugf("%s attempt %d failed (%s); retrying in %d ms", endpoint, attempt, e.getMessage(),
                    backoff.toMillis());
            return Uni.createFrom().voidItem().onItem().delayIt().by(atLeastAMillisecond(backoff))
                    .chain(() -> attempt(endpoint, request, attempt + 1, deadline));
        });
    }

    /** One HTTP call and the reading of its answer. */
    private Uni<JsonNode> send(Endpoint endpoint, BiFunction<JustOneApiRestClient, String, Uni<Response>> request,
            int attempt) {
        Duration timeout = config.upstream().timeout();
        Timer.Sample sample = Timer.start(metrics);
        return Uni.createFrom().deferred(() -> request.apply(rest(), target.token()))
                .ifNoItem().after(timeout).failWith(TimeoutException::new)
                .onFailure().transform(failure -> transportFailure(endpoint, failure, timeout.toMillis()))
                .map(response -> read(endpoint, response))
                .onItemOrFailure().call((item, failure) -> {
                    UpstreamException e = failure instanceof UpstreamException u ? u : null;
                    Integer code = e == null ? Integer.valueOf(0) : e.upstreamCode();
                    sample.stop(Timer.builder("xhs.upstream.latency").description("Upstream call latency")
                            .tag("endpoint", endpoint.path()).publishPercentileHistogram().register(metrics));
                    count(endpoint, e == null ? "ok" : e.kind().name().toLowerCase(), code);
                    boolean billed = code != null && (code == 0 || code == 201);
                    if (billed) {
                        metrics.counter("xhs.upstream.billed", "endpoint", endpoint.path()).increment();
                    }
                    UpstreamAttempt done = new UpstreamAttempt(endpoint, attempt, billed, e != null);
                    attempts.fire(done);
                    breaker.onResult(e, System.nanoTime());
                    // written down before the answer is used, and the breaker opened for every instance
                    Uni<Void> recorded = log.record(done);
                    return e == null || shared == null || !AccountBreaker.opens(e.kind())
                            ? recorded
                            : recorded.chain(() -> shared.open(e.kind().name(), e.upstreamCode(), e.getMessage(),
                                    config.upstream().breaker().coolDown())
                                    .onFailure().recoverWithItem(f -> {
                                        sharedStateFailed(f);
                                        return null;
                                    }));
                });
    }

    /**
     * Waits for the endpoint's token bucket, shared by every instance on the database (this instance's own when the
     * database cannot be reached); fails at once when the shared breaker is open or the wait would exceed the
     * configured bound.
     */
    private Uni<Void> rateLimit(Endpoint endpoint) {
        if (shared == null) {
            return waitFor(endpoint, localWait(endpoint));
        }
        return shared.admit(endpoint.shortName(), perSecond(endpoint), config.upstream().rateLimit().burst(),
                config.upstream().rateLimit().maxWait())
                .onItemOrFailure().transformToUni((admission, failure) -> {
                    if (failure != null) {
                        sharedStateFailed(failure);
                        return waitFor(endpoint, localWait(endpoint));
                    }
                    if (admission.breakerOpen()) {
                        Kind kind = Kind.valueOf(admission.breakerKind());
                        count(endpoint, "breaker_open", admission.breakerCode());
                        return Uni.createFrom().failure(new UpstreamException(kind, endpoint,
                                admission.breakerCode(), null, admission.breakerMessage() + "; not calling again for "
                                        + admission.breakerSeconds() + " s"));
                    }
                    return waitFor(endpoint, admission.waitNanos());
                });
    }

    /** A token of this instance's own bucket: nanoseconds to wait for it, or -1 (nothing taken) past the bound. */
    private long localWait(Endpoint endpoint) {
        return buckets.get(endpoint).reserve(System.nanoTime(), config.upstream().rateLimit().maxWait().toNanos());
    }

    /** Waits {@code wait} nanoseconds, or fails as rate limited when it is negative (the bound was passed). */
    private Uni<Void> waitFor(Endpoint endpoint, long wait) {
        if (wait < 0) {
            Duration maxWait = config.upstream().rateLimit().maxWait();
            count(endpoint, "rate_limited_locally", null);
            return Uni.createFrom().failure(new UpstreamException(Kind.RATE_LIMITED, endpoint, null,
                    "Too many upstream calls queued: this service's rate limit for " + endpoint
                            + " would make the call wait more than " + maxWait.toSeconds() + " s"));
        }
        if (wait == 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(atLeastAMillisecond(Duration.ofNanos(wait)));
    }

    private double perSecond(Endpoint endpoint) {
        XhsConfig.RateLimit limits = config.upstream().rateLimit();
        return limits.perEndpoint().getOrDefault(endpoint.shortName(), limits.perSecond());
    }

    /** The shared state cannot be reached: this instance goes on with its own rate limit and breaker. */
    private void sharedStateFailed(Throwable failure) {
        metrics.counter("xhs.cluster.fallbacks").increment();
        long now = System.nanoTime();
        if (now - sharedWarnedAt > 60_000_000_000L) {
            sharedWarnedAt = now;
            Log.warnf("The shared rate limit and breaker cannot be reached (%s); this instance uses its own until "
                    + "the database answers", failure.toString());
        }
    }

    /** Vert.x timers refuse delays under a millisecond: a shorter wait is rounded up, never skipped. */
    static Duration atLeastAMillisecond(Duration wait) {
        return wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait;
    }

    /** Exponential backoff with jitter: attempt 1 waits about the initial backoff, then twice as long each time. */
    private Duration backoff(int attempt) {
        XhsConfig.Retry retry = config.upstream().retry();
        long base = retry.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, retry.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private void count(Endpoint endpoint, String outcome, Integer code) {
        Counter.builder("xhs.upstream.calls")
                .description("Upstream calls by endpoint, outcome and envelope code")
                .tag("endpoint", endpoint.path()).tag("outcome", outcome)
                .tag("code", code == null ? "none" : code.toString())
                .register(metrics).increment();
    }

    private JsonNode read(Endpoint endpoint, Response response) {
        int status = response.getStatus();
        byte[] body;
        try {
            body = response.hasEntity() ? response.readEntity(byte[].class) : null;
        } catch (RuntimeException e) {
            body = null;
        } finally {
            response.close();
        }
        if (body == null || body.length == 0) {
            throw notJson(endpoint, status);
        }
        JoaEnvelope envelope;
        try {
            envelope = mapper.readValue(body, JoaEnvelope.class);
        } catch (IOException | RuntimeException notAnEnvelope) {
            envelope = null;
        }
        if (envelope == null) {
            throw notJson(endpoint, status);
        }
        JsonNode code = envelope.code();
        if (code == null || !code.isIntegralNumber()) {
            Log.warnf("%s answered HTTP %d without an integer envelope code", endpoint, status);
            Kind kind = status == 429 ? Kind.RATE_LIMITED : Kind.UNAVAILABLE;
            throw new UpstreamException(kind, endpoint, null, status,
                    UpstreamException.describe(kind) + " (HTTP " + status + ", no business code)");
        }
        int value = code.intValue();
        if (value != 0) {
            Kind kind = UpstreamException.kindOf(value);
            Log.warnf("%s answered code %d (HTTP %d)", endpoint, value, status);
            throw new UpstreamException(kind, endpoint, value, status,
                    UpstreamException.describe(kind) + " (code " + value + ")");
        }
        if (envelope.data() == null || envelope.data().isNull()) {
            throw new UpstreamException(Kind.NOT_FOUND, endpoint, 0, status, "Just One API returned no data");
        }
        return envelope.data();
    }

    private static UpstreamException notJson(Endpoint endpoint, int status) {
        Log.warnf("%s answered HTTP %d with a body that is not a JSON envelope", endpoint, status);
        return new UpstreamException(Kind.UNAVAILABLE, endpoint, null, status,
                "Just One API answered with something other than JSON (HTTP " + status + ")");
    }

    private UpstreamException transportFailure(Endpoint endpoint, Throwable failure, long timeoutMillis) {
        if (failure instanceof UpstreamException upstream) {
            return upstream;
        }
        boolean timeout = causedBy(failure, TimeoutException.class)
                || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
        if (timeout) {
            Log.warnf("%s did not answer within %d ms", endpoint, timeoutMillis);
            return new UpstreamException(Kind.UNAVAILABLE, endpoint, null,
                    "Just One API did not answer within " + timeoutMillis + " ms");
        }
        String reason = causedBy(failure, ConnectException.class) ? "could not connect" : "call failed";
        Log.warnf("%s %s: %s", endpoint, reason, redact(String.valueOf(failure)));
        return new UpstreamException(Kind.UNAVAILABLE, endpoint, null, "Just One API " + reason);
    }

    private JustOneApiRestClient rest() {
        JustOneApiRestClient client = rest;
        if (client == null) {
            synchronized (this) {
                if (rest == null) {
                    rest = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(target.baseUrl()))
                            .connectTimeout(config.upstream().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.upstream().timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .disableDefaultMapper(true)
                            .build(JustOneApiRestClient.class);
                }
                client = rest;
            }
        }
        return client;
    }

    /** Removes the token from any text that may carry a request URL. */
    String redact(String text) {
        return target.redact(text);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
