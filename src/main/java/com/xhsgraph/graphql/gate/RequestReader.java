package com.xhsgraph.graphql.gate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a GraphQL request from HTTP, strictly: a POST body that is a JSON object with {@code query} (a string),
 * {@code operationName} (a string or null), {@code variables} and {@code extensions} (objects or null), or an
 * {@code application/graphql} body; a GET with the same as query parameters. Anything else is a {@link BadRequest}.
 * JSON is parsed with bounds on nesting and number length, and with duplicate keys refused.
 */
final class RequestReader {

    /** The request cannot be read as a GraphQL request; nothing was executed. */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** The request extension of a persisted query: {@code {"version": 1, "sha256Hash": "..."}}. */
    static final String PERSISTED_QUERY = "persistedQuery";

    static final int MAX_NESTING = 64;
    static final int MAX_NUMBER_LENGTH = 64;

    private final ObjectMapper json;

    RequestReader(int maxBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(Math.max(1, maxBytes)).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.json = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    GraphQLRequest read(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.GET) {
            return fromParameters(ctx);
        }
        String mediaType = mediaType(ctx.request().getHeader("content-type"));
        String body = utf8(ctx.body() == null ? null : ctx.body().buffer());
        if (body == null || body.isBlank()) {
            throw new BadRequest(400, "The request has no body: send a JSON object with a `query`");
        }
        if (GRAPHQL.equals(mediaType)) {
            return new GraphQLRequest(body, null, Map.of(), Map.of(), false);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new BadRequest(400, "The body is not valid JSON (or nests too deeply, or repeats a key)");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest(400, "The body must be a JSON object with a `query`");
        }
        Map<String, Object> extensions = object(root.get("extensions"), "extensions");
        return new GraphQLRequest(text(root, "query", !extensions.containsKey(PERSISTED_QUERY)),
                text(root, "operationName", false), object(root.get("variables"), "variables"), extensions, false);
    }

    private static final String JSON = "application/json";
    private static final String GRAPHQL = "application/graphql";

    /**
     * The media type of a POST body: {@code application/json} (or {@code application/graphql}, a bare document), in
     * UTF-8; anything else is refused with 415 before the body is looked at.
     */
    private static String mediaType(String header) {
        if (header == null || header.isBlank()) {
            throw new BadRequest(415, "Say what the body is: Content-Type: application/json");
        }
        // a browser's fetch merges two spellings of the header into "application/json, application/json"
        String type = null;
        for (String value : header.split(",")) {
            String one = singleMediaType(value);
            if (type != null && !type.equals(one)) {
                throw new BadRequest(415, "The Content-Type names two media types: " + header);
            }
            type = one;
        }
        return type;
    }

    private static String singleMediaType(String header) {
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!JSON.equals(type) && !GRAPHQL.equals(type)) {
            throw new BadRequest(415, "Send the request as application/json, not " + type);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(eq + 1).strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw new BadRequest(415, "Send the body in UTF-8, not " + charset);
                }
            }
        }
        return type;
    }

    /** The body as text; a body that is not well-formed UTF-8 is refused, not read with replacement characters. */
    private static String utf8(io.vertx.core.buffer.Buffer buffer) {
        if (buffer == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buffer.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest(400, "The body is not well-formed UTF-8");
        }
    }

    private GraphQLRequest fromParameters(RoutingContext ctx) {
        String query = single(ctx, "query");
        Map<String, Object> extensions = parameterObject(ctx, "extensions");
        if ((query == null || query.isBlank()) && !extensions.containsKey(PERSISTED_QUERY)) {
            throw new BadRequest(400, "A GET request needs a `query` parameter");
        }
        return new GraphQLRequest(query == null || query.isBlank() ? null : query, single(ctx, "operationName"),
                parameterObject(ctx, "variables"), extensions, true);
    }

    private static String single(RoutingContext ctx, String name) {
        var values = ctx.queryParam(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequest(400, "`" + name + "` is given more than once");
        }
        return values.get(0);
    }

    private Map<String, Object> parameterObject(RoutingContext ctx, String name) {
        String value = single(ctx, name);
        if (value == null || value.isEmpty()) {
            return Map.of();
        }
        try {
            return object(json.readTree(value), name);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadRequest bad) {
                throw bad;
            }
            throw new BadRequest(400, "`" + name + "` is not a JSON object");
        }
    }

    private static String text(JsonNode root, String name, boolean required) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadRequest(400, "The request has no `" + name + "`");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest(400, "`" + name + "` must be a string");
        }
        if (required && value.asText().isBlank()) {
            throw new BadRequest(400, "`" + name + "` is empty");
        }
        return value.asText();
    }

    private Map<String, Object> object(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new BadRequest(400, "`" + name + "` must be a JSON object");
        }
        return new LinkedHashMap<>(json.convertValue(value, MAP));
    }

    /** Writes values back as JSON text, as the executor reads them. */
    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
