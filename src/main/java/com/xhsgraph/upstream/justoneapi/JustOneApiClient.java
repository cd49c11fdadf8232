package com.xhsgraph.upstream.justoneapi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.upstream.justoneapi.UpstreamException.Kind;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaEnvelope;
import com.xhsgraph.upstream.justoneapi.dto.JoaNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteDetail;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaUser;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * The one way into Just One API. Owns the timeout, the client-side rate limit and the bound on concurrent calls, the
 * retries (only of failures that were not billed), the breaker for account-level failures, the reading of the envelope
 * ({@code code == 0} is the only success, whatever the HTTP status), the metrics, and the mapping of every failure to
 * an {@link UpstreamException} whose message carries neither the token nor the upstream body.
 */
@ApplicationScoped
public class JustOneApiClient {

    /** The endpoints, as they appear in paths, logs and metrics. */
    public static final String USER = "get-user/v3";
    public static final String NOTE_LIST = "get-user-note-list/v4";
    public static final String NOTE_DETAIL = "get-note-detail/v1";
    public static final String NOTE_COMMENTS = "get-note-comment/v2";
    public static final String COMMENT_REPLIES = "get-note-sub-comment/v2";

    /** Short names of the endpoints in the rate-limit configuration. */
    static final Map<String, String> RATE_LIMIT_KEYS = Map.of(USER, "user", NOTE_LIST, "note-list", NOTE_DETAIL,
            "note-detail", NOTE_COMMENTS, "comments", COMMENT_REPLIES, "replies");

    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(token=)[^&\\s\"']+");

    private final UpstreamTarget target;
    private final XhsConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final Instance<UpstreamUsageListener> usage;
    private final AsyncLimiter limiter;
    private final AccountBreaker breaker;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<JavaType, JavaType> envelopeTypes = new ConcurrentHashMap<>();
    private final JavaType noteDetailType;
    private volatile JustOneApiRestClient rest;

    JustOneApiClient(UpstreamTarget target, XhsConfig config, ObjectMapper mapper, MeterRegistry metrics,
            Instance<UpstreamUsageListener> usage) {
        this.target = target;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
        this.usage = usage;
        this.limiter = new AsyncLimiter(config.upstream().maxConcurrency());
        this.breaker = new AccountBreaker(config.upstream().breaker().coolDown().toNanos());
        this.noteDetailType = mapper.getTypeFactory().constructCollectionType(List.class, JoaNoteDetail.class);
        metrics.gauge("xhs.upstream.breaker.open", this, c -> c.breaker.isOpen(System.nanoTime()) ? 1 : 0);
        metrics.gauge("xhs.upstream.in.flight", limiter, AsyncLimiter::inFlight);
    }

    /** A creator's profile. */
    public Uni<JoaUser> getUser(String userId, UpstreamCallObserver observer) {
        return call(USER, (r, token) -> r.getUser(token, userId), mapper.constructType(JoaUser.class), observer);
    }

    /** One page of a creator's notes; {@code lastCursor} null for the first page. */
    public Uni<JoaNoteListPage> getUserNotes(String userId, String lastCursor, UpstreamCallObserver observer) {
        return call(NOTE_LIST, (r, token) -> r.getUserNoteList(token, userId, lastCursor),
                mapper.constructType(JoaNoteListPage.class), observer);
    }

    /** A note with its full text; fails with {@link Kind#NOT_FOUND} when the upstream returns no note. */
    public Uni<JoaNote> getNoteDetail(String noteId, UpstreamCallObserver observer) {
        Uni<List<JoaNoteDetail>> details = call(NOTE_DETAIL, (r, token) -> r.getNoteDetail(token, noteId),
                noteDetailType, observer);
        return details.map(list -> {
            if (list == null || list.isEmpty() || list.get(0).noteList() == null
                    || list.get(0).noteList().isEmpty()) {
                throw new UpstreamException(Kind.NOT_FOUND, NOTE_DETAIL, 0, "Just One API returned no note");
            }
            JoaNoteDetail first = list.get(0);
            JoaNote note = first.noteList().get(0);
            return note.user() == null && first.user() != null ? withUser(note, first) : note;
        });
    }

    /** One page of a note's top-level comments; {@code sort} is {@code latest}, {@code normal} or {@code like_count}. */
    public Uni<JoaCommentPage> getComments(String noteId, String lastCursor, String sort,
            UpstreamCallObserver observer) {
        return call(NOTE_COMMENTS, (r, token) -> r.getNoteComment(token, noteId, lastCursor, sort),
                mapper.constructType(JoaCommentPage.class), observer);
    }

    /** One page of the replies under a top-level comment, oldest first. */
    public Uni<JoaCommentPage> getReplies(String noteId, String commentId, String lastCursor,
            UpstreamCallObserver observer) {
        return call(COMMENT_REPLIES, (r, token) -> r.getNoteSubComment(token, noteId, commentId, lastCursor),
                mapper.constructType(JoaCommentPage.class), observer);
    }

    private <T> Uni<T> call(String endpoint,
            BiFunction<JustOneApiRestClient, String, Uni<Response>> request, JavaType type,
            UpstreamCallObserver observer) {
        long deadline = System.nanoTime() + config.upstream().retry().maxTotal().toNanos();
        return attempt(endpoint, request, type, observer, 1, deadline);
    }

    private <T> Uni<T> attempt(String endpoint, BiFunction<JustOneApiRestClient, String, Uni<Response>> request,
            JavaType type, UpstreamCallObserver observer, int attempt, long deadline) {
        return Uni.createFrom().<T>deferred(() -> {
            UpstreamException open = breaker.rejection(endpoint, System.nanoTime());
            if (open != null) {
                count(endpoint, "breaker_open", open.upstreamCode());
                return Uni.createFrom().failure(open);
            }
            return rateLimit(endpoint)
                    .chain(() -> limiter.submit(() -> send(endpoint, request, type, observer)));
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
                bucket(endpoint).drain(System.nanoTime());
            }
            observer.retried(endpoint);
            metrics.counter("xhs.upstream.retries", "endpoint", endpoint).increment();
            Log.debugf("%s attempt %d failed (%s); retrying in %d ms", endpoint, attempt, e.getMessage(),
                    backoff.toMillis());
            return Uni.createFrom().voidItem().onItem().delayIt().by(backoff)
                    .chain(() -> this.<T>attempt(endpoint, request, type, observer, attempt + 1, deadline));
        });
    }

    /** One HTTP call and the reading of its answer. */
    private <T> Uni<T> send(String endpoint, BiFunction<JustOneApiRestClient, String, Uni<Response>> request,
            JavaType type, UpstreamCallObserver observer) {
        long timeoutMillis = config.upstream().timeout().toMillis();
        Timer.Sample sample = Timer.start(metrics);
        observer.called(endpoint);
        return Uni.createFrom().deferred(() -> request.apply(rest(), target.token()))
                .ifNoItem().after(config.upstream().timeout()).failWith(TimeoutException::new)
                .onFailure().transform(failure -> transportFailure(endpoint, failure, timeoutMillis))
                .map(response -> this.<T>read(endpoint, response, type))
                .onItemOrFailure().invoke((item, failure) -> {
                    UpstreamException e = failure instanceof UpstreamException u ? u : null;
                    Integer code = e == null ? Integer.valueOf(0) : e.upstreamCode();
                    sample.stop(Timer.builder("xhs.upstream.latency").description("Upstream call latency")
                            .tag("endpoint", endpoint).publishPercentileHistogram().register(metrics));
                    count(endpoint, e == null ? "ok" : e.kind().name().toLowerCase(), code);
                    boolean billed = code != null && (code == 0 || code == 201);
                    if (billed) {
                        observer.billed(endpoint);
                        metrics.counter("xhs.upstream.billed", "endpoint", endpoint).increment();
                    }
                    usage.forEach(listener -> listener.onCall(endpoint, billed, e != null));
                    breaker.onResult(e, System.nanoTime());
                });
    }

    /** Waits for the endpoint's token bucket; fails at once when the wait would exceed the configured bound. */
    private Uni<Void> rateLimit(String endpoint) {
        long maxWait = config.upstream().rateLimit().maxWait().toNanos();
        long wait = bucket(endpoint).reserve(System.nanoTime(), maxWait);
        if (wait < 0) {
            count(endpoint, "rate_limited_locally", null);
            return Uni.createFrom().failure(new UpstreamException(Kind.RATE_LIMITED, endpoint, null,
                    "Too many upstream calls queued: this service's rate limit for " + endpoint
                            + " would make the call wait more than " + config.upstream().rateLimit().maxWait()
                                    .toSeconds()
                            + " s"));
        }
        if (wait == 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait));
    }

    private TokenBucket bucket(String endpoint) {
        return buckets.computeIfAbsent(endpoint, e -> {
            XhsConfig.RateLimit limits = config.upstream().rateLimit();
            double perSecond = limits.perEndpoint().getOrDefault(RATE_LIMIT_KEYS.get(e), limits.perSecond());
            return new TokenBucket(perSecond, limits.burst(), System.nanoTime());
        });
    }

    /** Exponential backoff with jitter: attempt 1 waits about the initial backoff, then twice as long each time. */
    private Duration backoff(int attempt) {
        XhsConfig.Retry retry = config.upstream().retry();
        long base = retry.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, retry.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private void count(String endpoint, String outcome, Integer code) {
        Counter.builder("xhs.upstream.calls")
                .description("Upstream calls by endpoint, outcome and envelope code")
                .tag("endpoint", endpoint).tag("outcome", outcome).tag("code", code == null ? "none" : code.toString())
                .register(metrics).increment();
    }

    private <T> T read(String endpoint, Response response, JavaType type) {
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
        JoaEnvelope<T> envelope;
        try {
            // one pass in the common case: the data goes straight into the endpoint's record
            envelope = mapper.readValue(body, envelopeTypes.computeIfAbsent(type,
                    t -> mapper.getTypeFactory().constructParametricType(JoaEnvelope.class, t)));
        } catch (IOException | RuntimeException typed) {
            envelope = readLoosely(endpoint, status, body);
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
        if (envelope.data() == null) {
            throw new UpstreamException(Kind.NOT_FOUND, endpoint, 0, status, "Just One API returned no data");
        }
        return envelope.data();
    }

    /**
     * Reads an envelope whose data does not fit the endpoint's record: an error answer, or data of an unexpected
     * shape. Returns it without data, or null when the body is not a JSON object at all.
     */
    private <T> JoaEnvelope<T> readLoosely(String endpoint, int status, byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode code = root.get("code");
        if (code != null && code.isIntegralNumber() && code.intValue() == 0 && root.hasNonNull("data")) {
            Log.warnf("%s answered code 0 with data of an unexpected shape", endpoint);
            throw new UpstreamException(Kind.UNAVAILABLE, endpoint, 0, status,
                    "Just One API answered with data of an unexpected shape");
        }
        return new JoaEnvelope<>(code, null, null);
    }

    private static UpstreamException notJson(String endpoint, int status) {
        Log.warnf("%s answered HTTP %d with a body that is not a JSON envelope", endpoint, status);
        return new UpstreamException(Kind.UNAVAILABLE, endpoint, null, status,
                "Just One API answered with something other than JSON (HTTP " + status + ")");
    }

    private UpstreamException transportFailure(String endpoint, Throwable failure, long timeoutMillis) {
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
        if (text == null) {
            return null;
        }
        String redacted = TOKEN_PARAM.matcher(text).replaceAll("$1***");
        String token = target.token();
        return token == null || token.isEmpty() ? redacted : redacted.replace(token, "***");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static JoaNote withUser(JoaNote note, JoaNoteDetail detail) {
        return new JoaNote(note.id(), note.title(), note.desc(), note.type(), note.time(), note.lastUpdateTime(),
                note.likedCount(), note.collectedCount(), note.commentsCount(), note.sharedCount(), note.ipLocation(),
                note.sticky(), note.imagesList(), detail.user());
    }
}
