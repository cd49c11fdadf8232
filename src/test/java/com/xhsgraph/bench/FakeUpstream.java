package com.xhsgraph.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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
 * The benchmark's upstream (bench/run.sh), also started by the cluster test: the project's {@link FakeJustOneApi}
 * over a {@link GeneratedWorld} in which every id exists (100 notes a creator, 95 comments a note), served on a port of
 * its own with an added latency that holds no thread; each answer is built once and then served from memory. In the
 * {@code uniform} world every comment has 12 replies and no inline preview (the worst case for reply calls); in the
 * {@code mix} world replies follow real threads ({@link GeneratedWorld#withRealReplyMix}). {@code GET /stats} returns
 * the number of calls served; {@code POST /stats} zeroes it.
 * <p>
 * It counts per token (each instance of a cluster calls with its own) the calls received, those in flight and the
 * billed ones (answered with code 0), records when each endpoint was called, and can answer every call with an
 * account-level failure code instead ({@link #failWith}).
 *
 * <pre>java -cp ... com.xhsgraph.bench.FakeUpstream PORT LATENCY_MS [uniform|mix]</pre>
 */
public final class FakeUpstream implements AutoCloseable {

    private static final String PREFIX = "/api/xiaohongshu/";

    private record Served(FakeJustOneApi.Answer answer, boolean paid) {}

    private record Call(String endpoint, long arrived, long answered) {}

    private final HttpServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final AtomicLong calls = new AtomicLong();
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> billed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> inFlight = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> calledAt = new ConcurrentHashMap<>();
    private volatile Integer failWith;
    private final List<Call> timeline = new ArrayList<>();

    private FakeUpstream(int port, long latencyMillis, boolean mix) throws IOException {
        ObjectMapper json = new ObjectMapper();
        FakeJustOneApi fake = new FakeJustOneApi(json, mix
                ? GeneratedWorld.withRealReplyMix(json, 100, 95)
                : new GeneratedWorld(json, 100, 95, comment -> 12));
        Map<String, Served> answers = new ConcurrentHashMap<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(workers);
        server.createContext("/stats", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                calls.set(0);
            }
            send(exchange, new FakeJustOneApi.Answer(200,
                    ("{\"calls\":" + calls.get() + "}").getBytes(StandardCharsets.UTF_8)));
        });
        // when each call arrived and was answered since the last reset, in ms from the first: a trace of one query
        server.createContext("/stats/timeline", exchange -> {
            List<String> lines = new ArrayList<>();
            synchronized (timeline) {
                long first = timeline.isEmpty() ? 0 : timeline.get(0).arrived();
                for (Call c : timeline) {
                    lines.add(String.format("%8.1f %8.1f %s", (c.arrived() - first) / 1e6,
                            (c.answered() - first) / 1e6, c.endpoint()));
                }
                if ("POST".equals(exchange.getRequestMethod())) {
                    timeline.clear();
                }
            }
            send(exchange, new FakeJustOneApi.Answer(200,
                    (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        });
        server.createContext(PREFIX, exchange -> {
            calls.incrementAndGet();
            String endpoint = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = query(query);
            String token = String.valueOf(params.get("token"));
            calledAt.computeIfAbsent(endpoint, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(System.nanoTime());
            counter(received, token).incrementAndGet();
            counter(inFlight, token).incrementAndGet();
            Integer failure = failWith;
            Served served = failure != null
                    ? new Served(new FakeJustOneApi.Answer(200,
                            fake.bytes(fake.envelope(failure, "failure " + failure, null))), false)
                    : answers.computeIfAbsent(endpoint + "?" + query, k -> {
                        FakeJustOneApi.Answer built = fake.answer(endpoint, params::get);
                        return new Served(built, built.status() == 200 && isCodeZero(json, built.body()));
                    });
            FakeJustOneApi.Answer answer = served.answer();
            boolean paid = served.paid();
            long arrived = System.nanoTime();
            Runnable reply = () -> {
                synchronized (timeline) {
                    if (timeline.size() < 10_000) {
                        timeline.add(new Call(endpoint, arrived, System.nanoTime()));
                    }
                }
                if (paid) {
                    counter(billed, token).incrementAndGet();
                }
                counter(inFlight, token).decrementAndGet();
                send(exchange, answer);
            };
            if (latencyMillis <= 0) {
                reply.run();
            } else {
                timer.schedule(reply, latencyMillis, TimeUnit.MILLISECONDS);
            }
        });
        server.start();
    }

    /** Starts a fake upstream on {@code port} (0: any free port). */
    public static FakeUpstream start(int port, long latencyMillis, boolean mix) throws IOException {
        return new FakeUpstream(port, latencyMillis, mix);
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long latencyMillis = Long.parseLong(args[1]);
        boolean mix = args.length > 2 && "mix".equals(args[2]);
        start(port, latencyMillis, mix);
        System.out.println("fake upstream on " + port + ", latency " + latencyMillis + " ms, "
                + (mix ? "real reply mix" : "12 replies a comment"));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers every call with the envelope code {@code code} (not billed), or again normally with null. */
    public void failWith(Integer code) {
        failWith = code;
    }

    /** Calls received from the instance calling with {@code token}. */
    public long received(String token) {
        return counter(received, token).get();
    }

    /** Calls received with any token. */
    public long received() {
        return received.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Calls answered with code 0 (billed) to {@code token}. */
    public long billed(String token) {
        return counter(billed, token).get();
    }

    /** Calls answered with code 0 (billed), all tokens. */
    public long billed() {
        return billed.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Calls received and not yet answered, all tokens. */
    public long inFlight() {
        return inFlight.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** When {@code endpoint} (e.g. {@code get-user/v3}) was called ({@link System#nanoTime()}), in order. */
    public List<Long> calledAt(String endpoint) {
        List<Long> times = calledAt.getOrDefault(endpoint, List.of());
        synchronized (times) {
            return List.copyOf(times);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static AtomicLong counter(Map<String, AtomicLong> counters, String token) {
        return counters.computeIfAbsent(token, k -> new AtomicLong());
    }

    private static boolean isCodeZero(ObjectMapper json, byte[] body) {
        try {
            return json.readTree(body).path("code").asInt(-1) == 0;
        } catch (IOException e) {
            return false;
        }
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
