package com.xhsgraph.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.upstream.justoneapi.DemoUpstream;
import com.xhsgraph.upstream.justoneapi.UpstreamTarget;

import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The built-in demo upstream: the five Just One API endpoints the graph uses, served over HTTP by this service itself
 * from {@link DemoDataset}, with the same envelope, cursors and page sizes as the real API. The graph reaches it through
 * the same REST client as the real API, so the demo exercises the real code path.
 */
@ApplicationScoped
public class DemoUpstreamRoutes implements DemoUpstream {

    static final String BASE_PATH = "/demo/justoneapi";
    private static final Pattern ID = Pattern.compile("([0-9a-f]{24})");

    private final ObjectMapper json;
    private volatile DemoDataset dataset;

    DemoUpstreamRoutes(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    void install(@Observes Router router) {
        router.get(BASE_PATH + "/api/xiaohongshu/:endpoint/:version").handler(this::handle);
    }

    /** Builds the dataset at start-up when the demo is in use, so that no request pays for it. */
    void warmUp(@Observes StartupEvent event, UpstreamTarget target) {
        if (target.demo()) {
            dataset();
        }
    }

    private void handle(RoutingContext ctx) {
        String token = ctx.request().getParam("token");
        String endpoint = ctx.pathParam("endpoint") + "/" + ctx.pathParam("version");
        ObjectNode envelope;
        if (token == null || token.isBlank()) {
            envelope = envelope(100, "Invalid or inactive token", null);
        } else {
            try {
                envelope = switch (endpoint) {
                    case "get-user/v3" -> user(ctx);
                    case "get-user-note-list/v4" -> noteList(ctx);
                    case "get-note-detail/v1" -> noteDetail(ctx);
                    case "get-note-comment/v2" -> comments(ctx);
                    case "get-note-sub-comment/v2" -> replies(ctx);
                    default -> envelope(400, "The demo upstream does not serve " + endpoint, null);
                };
            } catch (BadCursor e) {
                envelope = envelope(400, "Invalid parameters: lastCursor", null);
            }
        }
        try {
            ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                    .end(json.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    private ObjectNode user(RoutingContext ctx) {
        String userId = id(ctx.request().getParam("userId"));
        ObjectNode profile = userId == null ? null : dataset().profile(userId);
        return envelope(0, null, profile);
    }

    private ObjectNode noteList(RoutingContext ctx) {
        String userId = id(ctx.request().getParam("userId"));
        List<ObjectNode> notes = userId == null ? null : dataset().notesOf(userId);
        if (notes == null) {
            return envelope(0, null, null);
        }
        String lastCursor = ctx.request().getParam("lastCursor");
        int from = lastCursor == null || lastCursor.isEmpty() ? 0 : indexAfter(notes, lastCursor);
        List<ObjectNode> page = page(notes, from, Endpoint.NOTE_LIST.pageSize());
        ObjectNode data = json.createObjectNode();
        ArrayNode items = data.putArray("notes");
        page.forEach(n -> {
            ObjectNode copy = n.deepCopy();
            copy.remove("demo_full_text");
            items.add(copy);
        });
        boolean more = from + page.size() < notes.size();
        data.put("has_more", more);
        data.put("cursor", page.isEmpty() ? "" : page.get(page.size() - 1).path("cursor").asText());
        data.put("page", from / Endpoint.NOTE_LIST.pageSize() + 1);
        data.put("total_pages", 0);
        data.putArray("tags");
        return envelope(0, null, data);
    }

    private ObjectNode noteDetail(RoutingContext ctx) {
        String noteId = id(ctx.request().getParam("noteId"));
        return envelope(0, null, noteId == null ? null : dataset().detail(noteId));
    }

    private ObjectNode comments(RoutingContext ctx) {
        String noteId = id(ctx.request().getParam("noteId"));
        List<ObjectNode> all = noteId == null ? null : dataset().commentsOf(noteId);
        ObjectNode data = json.createObjectNode();
        if (all == null) {
            data.putArray("comments");
            data.put("has_more", false);
            data.put("cursor", "");
            return envelope(0, null, data);
        }
        String sort = ctx.request().getParam("sort");
        List<ObjectNode> ordered = all;
        if ("like_count".equals(sort)) {
            ordered = new ArrayList<>(all);
            ordered.sort(Comparator.comparingLong((ObjectNode c) -> c.path("like_count").asLong()).reversed());
        }
        int from = after(ordered, ctx.request().getParam("lastCursor"));
        List<ObjectNode> page = page(ordered, from, Endpoint.COMMENTS.pageSize());
        data.putArray("comments").addAll(page);
        boolean more = from + page.size() < ordered.size();
        data.put("has_more", more);
        data.put("cursor", cursor(page, from, "ALL"));
        data.put("comment_count", all.size() + all.stream().mapToLong(c -> c.path("sub_comment_count").asLong()).sum());
        data.put("comment_count_l1", all.size());
        data.put("current_sort_strategy", "like_count".equals(sort) ? "like_count" : "latest_v2");
        data.putArray("all_sort_strategies");
        return envelope(0, null, data);
    }

    private ObjectNode replies(RoutingContext ctx) {
        String noteId = id(ctx.request().getParam("noteId"));
        String commentId = id(ctx.request().getParam("commentId"));
        List<ObjectNode> all = noteId == null || commentId == null ? null : dataset().repliesOf(noteId, commentId);
        ObjectNode data = json.createObjectNode();
        if (all == null) {
            data.putArray("comments");
            data.put("has_more", false);
            data.put("cursor", "");
            return envelope(0, null, data);
        }
        int from = after(all, ctx.request().getParam("lastCursor"));
        List<ObjectNode> page = page(all, from, Endpoint.REPLIES.pageSize());
        data.putArray("comments").addAll(page);
        data.put("has_more", from + page.size() < all.size());
        data.put("cursor", cursor(page, from, null));
        return envelope(0, null, data);
    }

    /** Comment and reply cursors are JSON strings naming the last item, like the real ones. */
    private String cursor(List<ObjectNode> page, int from, String pageArea) {
        if (page.isEmpty()) {
            return "";
        }
        ObjectNode cursor = json.createObjectNode();
        cursor.put("cursor", page.get(page.size() - 1).path("id").asText());
        cursor.put("index", from / Math.max(1, page.size()) + 2);
        if (pageArea != null) {
            cursor.put("pageArea", pageArea);
        }
        return cursor.toString();
    }

    private int after(List<ObjectNode> items, String lastCursor) {
        if (lastCursor == null || lastCursor.isEmpty()) {
            return 0;
        }
        try {
            JsonNode cursor = json.readTree(lastCursor);
            return indexAfter(items, cursor.path("cursor").asText());
        } catch (JsonProcessingException e) {
            throw new BadCursor();
        }
    }

    private static int indexAfter(List<ObjectNode> items, String lastId) {
        for (int i = 0; i < items.size(); i++) {
            if (lastId.equals(items.get(i).path("id").asText())) {
                return i + 1;
            }
        }
        throw new BadCursor();
    }

    private static List<ObjectNode> page(List<ObjectNode> items, int from, int size) {
        return items.subList(Math.min(from, items.size()), Math.min(from + size, items.size()));
    }

    private static String id(String param) {
        if (param == null) {
            return null;
        }
        Matcher m = ID.matcher(param);
        return m.find() ? m.group(1) : null;
    }

    private ObjectNode envelope(int code, String message, JsonNode data) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.set("data", data);
        envelope.put("recordTime", Instant.now().toString());
        return envelope;
    }

    private DemoDataset dataset() {
        DemoDataset d = dataset;
        if (d == null) {
            synchronized (this) {
                if (dataset == null) {
                    dataset = new DemoDataset(json);
                }
                d = dataset;
            }
        }
        return d;
    }

    private static final class BadCursor extends RuntimeException {
        BadCursor() {
            super(null, null, false, false);
        }
    }
}
