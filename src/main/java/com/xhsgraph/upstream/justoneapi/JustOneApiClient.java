package com.xhsgraph.upstream.justoneapi;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.upstream.justoneapi.UpstreamException.Kind;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteDetail;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaUser;

import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * The one way into Just One API. Owns the timeout, the bound on concurrent calls, the reading of the envelope
 * ({@code code == 0} is the only success, whatever the HTTP status) and the mapping of every failure to an
 * {@link UpstreamException} whose message carries neither the token nor the upstream body.
 */
@ApplicationScoped
public class JustOneApiClient {

    /** The endpoints, as they appear in paths, logs and metrics. */
    public static final String USER = "get-user/v3";
    public static final String NOTE_LIST = "get-user-note-list/v4";
    public static final String NOTE_DETAIL = "get-note-detail/v1";
    public static final String NOTE_COMMENTS = "get-note-comment/v2";
    public static final String COMMENT_REPLIES = "get-note-sub-comment/v2";

    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(token=)[^&\\s\"']+");

    private final UpstreamTarget target;
    private final XhsConfig config;
    private final ObjectMapper mapper;
    private final AsyncLimiter limiter;
    private final JavaType noteDetailType;
    private volatile JustOneApiRestClient rest;

    JustOneApiClient(UpstreamTarget target, XhsConfig config, ObjectMapper mapper) {
        this.target = target;
        this.config = config;
        this.mapper = mapper;
        this.limiter = new AsyncLimiter(config.upstream().maxConcurrency());
        this.noteDetailType = mapper.getTypeFactory().constructCollectionType(List.class, JoaNoteDetail.class);
    }

    /** A creator's profile. */
    public Uni<JoaUser> getUser(String userId) {
        return call(USER, (r, token) -> r.getUser(token, userId), mapper.constructType(JoaUser.class));
    }

    /** One page of a creator's notes; {@code lastCursor} null for the first page. */
    public Uni<JoaNoteListPage> getUserNotes(String userId, String lastCursor) {
        return call(NOTE_LIST, (r, token) -> r.getUserNoteList(token, userId, lastCursor),
                mapper.constructType(JoaNoteListPage.class));
    }

    /** A note with its full text; fails with {@link Kind#NOT_FOUND} when the upstream returns no note. */
    public Uni<JoaNote> getNoteDetail(String noteId) {
        Uni<List<JoaNoteDetail>> details = call(NOTE_DETAIL, (r, token) -> r.getNoteDetail(token, noteId),
                noteDetailType);
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
    public Uni<JoaCommentPage> getComments(String noteId, String lastCursor, String sort) {
        return call(NOTE_COMMENTS, (r, token) -> r.getNoteComment(token, noteId, lastCursor, sort),
                mapper.constructType(JoaCommentPage.class));
    }

    /** One page of the replies under a top-level comment, oldest first. */
    public Uni<JoaCommentPage> getReplies(String noteId, String commentId, String lastCursor) {
        return call(COMMENT_REPLIES, (r, token) -> r.getNoteSubComment(token, noteId, commentId, lastCursor),
                mapper.constructType(JoaCommentPage.class));
    }

    private <T> Uni<T> call(String endpoint,
            BiFunction<JustOneApiRestClient, String, Uni<Response>> request, JavaType type) {
        long timeoutMillis = config.upstream().timeout().toMillis();
        return limiter.submit(() -> Uni.createFrom().deferred(() -> request.apply(rest(), target.token()))
                .ifNoItem().after(config.upstream().timeout()).failWith(TimeoutException::new))
                .onFailure().transform(failure -> transportFailure(endpoint, failure, timeoutMillis))
                .map(response -> read(endpoint, response, type));
    }

    private <T> T read(String endpoint, Response response, JavaType type) {
        int status = response.getStatus();
        JsonNode root;
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException | RuntimeException e) {
            root = null;
        } finally {
            response.close();
        }
        if (root == null || !root.isObject()) {
            Log.warnf("%s answered HTTP %d with a body that is not a JSON envelope", endpoint, status);
            throw new UpstreamException(Kind.UNAVAILABLE, endpoint, null,
                    "Just One API answered with something other than JSON (HTTP " + status + ")");
        }
        JsonNode code = root.get("code");
        if (code == null || !code.isIntegralNumber()) {
            Log.warnf("%s answered HTTP %d without an integer envelope code", endpoint, status);
            Kind kind = status == 429 ? Kind.RATE_LIMITED : Kind.UNAVAILABLE;
            throw new UpstreamException(kind, endpoint, null,
                    UpstreamException.describe(kind) + " (HTTP " + status + ", no business code)");
        }
        int value = code.intValue();
        if (value != 0) {
            Kind kind = UpstreamException.kindOf(value);
            Log.warnf("%s answered code %d (HTTP %d)", endpoint, value, status);
            throw new UpstreamException(kind, endpoint, value,
                    UpstreamException.describe(kind) + " (code " + value + ")");
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new UpstreamException(Kind.NOT_FOUND, endpoint, 0, "Just One API returned no data");
        }
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Log.warnf("%s answered code 0 with data of an unexpected shape: %s", endpoint, redact(e.getMessage()));
            throw new UpstreamException(Kind.UNAVAILABLE, endpoint, 0,
                    "Just One API answered with data of an unexpected shape");
        }
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
