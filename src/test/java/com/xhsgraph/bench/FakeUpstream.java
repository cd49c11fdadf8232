package com.xhsgraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fast stand-in for Just One API for the benchmark (bench/run.sh): the five endpoints, any id, pages built once from
 * the recorded fixtures and then served from memory, with a configurable added latency that holds no thread.
 * {@code GET /stats} returns the number of calls served; {@code POST /stats/reset} zeroes it.
 *
 * <pre>java -cp ... com.xhsgraph.bench.FakeUpstream PORT LATENCY_MS</pre>
 */
public final class FakeUpstream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode note;
    private final ObjectNode comment;
    private final ObjectNode reply;
    private final ObjectNode profile;
    private final ObjectNode detail;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    private FakeUpstream() throws IOException {
        note = (ObjectNode) read("get-user-note-list-v4.json").at("/data/notes/0");
        comment = (ObjectNode) read("get-note-comment-v2.live.json").at("/data/comments/0");
        reply = (ObjectNode) read("get-note-sub-comment-v2.json").at("/data/comments/0");
        profile = (ObjectNode) read("get-user-v3.json").get("data");
        detail = (ObjectNode) read("get-note-detail-v1.json").at("/data/0");
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long latencyMillis = Long.parseLong(args[1]);
        FakeUpstream fake = new FakeUpstream();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/stats", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                fake.calls.set(0);
            }
            send(exchange, ("{\"calls\":" + fake.calls.get() + "}").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/api/xiaohongshu/", exchange -> {
            fake.calls.incrementAndGet();
            byte[] body = fake.answer(exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()));
            if (latencyMillis <= 0) {
                send(exchange, body);
            } else {
                timer.schedule(() -> send(exchange, body), latencyMillis, TimeUnit.MILLISECONDS);
            }
        });
        server.start();
        System.out.println("fake upstream on " + port + ", latency " + latencyMillis + " ms");
    }

    private byte[] answer(String path, Map<String, String> q) {
        String endpoint = path.substring("/api/xiaohongshu/".length());
        String key = endpoint + "|" + q.get("userId") + "|" + q.get("noteId") + "|" + q.get("commentId") + "|"
                + q.get("lastCursor");
        return cache.computeIfAbsent(key, k -> build(endpoint, q));
    }

    private byte[] build(String endpoint, Map<String, String> q) {
        ObjectNode data;
        switch (endpoint) {
            case "get-user/v3" -> {
                data = profile.deepCopy();
                data.put("userid", q.get("userId"));
            }
            case "get-user-note-list/v4" -> {
                data = JSON.createObjectNode();
                ArrayNode notes = data.putArray("notes");
                int page = page(q.get("lastCursor"));
                String last = null;
                for (int i = 0; i < 10; i++) {
                    ObjectNode n = note.deepCopy();
                    last = id(q.get("userId"), page * 10 + i);
                    n.put("id", last);
                    n.put("cursor", last);
                    n.put("sticky", false);
                    ((ObjectNode) n.get("user")).put("userid", q.get("userId"));
                    notes.add(n);
                }
                data.put("has_more", true);
                data.put("cursor", "p" + (page + 1) + "-" + last);
            }
            case "get-note-detail/v1" -> {
                ObjectNode element = detail.deepCopy();
                ((ObjectNode) element.at("/note_list/0")).put("id", q.get("noteId"));
                ArrayNode array = JSON.createArrayNode();
                array.add(element);
                return envelope(array);
            }
            case "get-note-comment/v2", "get-note-sub-comment/v2" -> {
                boolean replies = endpoint.startsWith("get-note-sub");
                String parent = replies ? q.get("commentId") : q.get("noteId");
                int size = replies ? 5 : 10;
                int page = page(q.get("lastCursor"));
                data = JSON.createObjectNode();
                ArrayNode items = data.putArray("comments");
                for (int i = 0; i < size; i++) {
                    ObjectNode c = (replies ? reply : comment).deepCopy();
                    c.put("id", id(parent, page * size + i));
                    c.put("note_id", q.get("noteId"));
                    if (replies) {
                        ((ObjectNode) c.get("target_comment")).put("id", parent);
                    } else {
                        c.put("sub_comment_count", 12);
                    }
                    items.add(c);
                }
                data.put("has_more", true);
                data.put("cursor", "p" + (page + 1));
                data.put("comment_count_l1", 95);
            }
            default -> {
                return "{\"code\":400,\"message\":\"unknown endpoint\",\"data\":null}".getBytes(StandardCharsets.UTF_8);
            }
        }
        return envelope(data);
    }

    private static byte[] envelope(Object data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("code", 0);
        envelope.putNull("message");
        envelope.set("data", JSON.valueToTree(data));
        envelope.putNull("recordTime");
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Page numbers ride in our own cursors: "p3-..." is the fourth page. */
    private static int page(String cursor) {
        if (cursor == null || !cursor.startsWith("p")) {
            return 0;
        }
        int dash = cursor.indexOf('-');
        return Integer.parseInt(cursor.substring(1, dash < 0 ? cursor.length() : dash));
    }

    /** A 24-hex id derived from a parent id and an index. */
    private static String id(String parent, int index) {
        String seed = parent == null ? "0" : parent;
        return String.format("%016x%08x", seed.hashCode() & 0xffffffffL | 0x6500000000000000L, index);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void send(HttpExchange exchange, byte[] body) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static ObjectNode read(String fixture) throws IOException {
        try (InputStream in = FakeUpstream.class.getResourceAsStream("/justoneapi/" + fixture)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
