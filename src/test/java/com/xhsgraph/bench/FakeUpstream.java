package com.xhsgraph.bench;

import java.io.IOException;
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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.xhsgraph.demo.FakeJustOneApi;
import com.xhsgraph.demo.GeneratedWorld;

/**
 * The benchmark's upstream (bench/run.sh): the project's {@link FakeJustOneApi} over a {@link GeneratedWorld} in which
 * every id exists (100 notes a creator, 95 comments a note), served on a port of its own with an added latency that
 * holds no thread; each answer is built once and then served from memory. In the {@code uniform} world every comment
 * has 12 replies and no inline preview (the worst case for reply calls); in the {@code mix} world replies follow real
 * threads ({@link GeneratedWorld#withRealReplyMix}). {@code GET /stats} returns the number of calls served;
 * {@code POST /stats} zeroes it.
 *
 * <pre>java -cp ... com.xhsgraph.bench.FakeUpstream PORT LATENCY_MS [uniform|mix]</pre>
 */
public final class FakeUpstream {

    private static final String PREFIX = "/api/xiaohongshu/";

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long latencyMillis = Long.parseLong(args[1]);
        boolean mix = args.length > 2 && "mix".equals(args[2]);
        ObjectMapper json = new ObjectMapper();
        FakeJustOneApi fake = new FakeJustOneApi(json, mix
                ? GeneratedWorld.withRealReplyMix(json, 100, 95)
                : new GeneratedWorld(json, 100, 95, comment -> 12));
        Map<String, FakeJustOneApi.Answer> answers = new ConcurrentHashMap<>();
        AtomicLong calls = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/stats", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                calls.set(0);
            }
            send(exchange, new FakeJustOneApi.Answer(200,
                    ("{\"calls\":" + calls.get() + "}").getBytes(StandardCharsets.UTF_8)));
        });
        server.createContext(PREFIX, exchange -> {
            calls.incrementAndGet();
            String endpoint = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = query(query);
            FakeJustOneApi.Answer answer = answers.computeIfAbsent(endpoint + "?" + query,
                    k -> fake.answer(endpoint, params::get));
            if (latencyMillis <= 0) {
                send(exchange, answer);
            } else {
                timer.schedule(() -> send(exchange, answer), latencyMillis, TimeUnit.MILLISECONDS);
            }
        });
        server.start();
        System.out.println("fake upstream on " + port + ", latency " + latencyMillis + " ms, "
                + (mix ? "real reply mix" : "12 replies a comment"));
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

    private static void send(HttpExchange exchange, FakeJustOneApi.Answer answer) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
