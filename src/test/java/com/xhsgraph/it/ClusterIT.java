package com.xhsgraph.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.bench.FakeUpstream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Three instances of the packaged application on one PostgreSQL (the server on 127.0.0.1:5432 when there is one, as on
 * CI; else an embedded one started here), each on its own port and calling the fake upstream (50 ms a call) with a
 * token of its own, spend as one: identical queries spread over them cost the calls of one, their calls together stay
 * within the configured rate, an account failure seen by one stops all, and usage survives {@code kill -9}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final String KEY = "xhs_cluster-admin-key-000000000000000000000000";
    private static final String DATABASE = "xhs_graph_cluster";
    /** Calls per second to the profile endpoint, for all instances together. */
    private static final int USER_RATE = 10;
    private static final int BURST = 5;
    private static final int MAX_CONCURRENCY = 8;
    private static final String NESTED = "query($id: String!) { user(id: $id) { notes(first: 5) { nodes { xhsId "
            + "comments(first: 5) { nodes { content replies(first: 5) { nodes { content } } } } } } } }";
    private static final String NOTE = "query($id: String!) { note(id: $id) { title } }";
    private static final String PROFILE = "query($id: String!) { user(id: $id) { nickname } }";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EmbeddedPostgres embedded;
    private static String jdbcUrl;
    private static FakeUpstream fake;
    private static final List<Process> instances = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startThreeInstances() throws Exception {
        jdbcUrl = freshDatabase();
        fake = FakeUpstream.start(0, 50, false);
        for (int i = 0; i < 3; i++) {
            launch(i);
        }
        for (int i = 0; i < 3; i++) {
            awaitReady(i);
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Process p : instances) {
            p.destroy();
        }
        for (Process p : instances) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        // the jar's own embedded server, which one of them started (unused: they all use the database above), stops
        // with its instance, except with the one killed: stop what is left
        for (int i = 0; i < 3; i++) {
            Path pid = Path.of("target/cluster-it/instance-" + i + "/.xhs-graph/pgdata/postmaster.pid");
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()))
                        .ifPresent(ProcessHandle::destroy);
            }
        }
        if (fake != null) {
            fake.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    @Order(1)
    void threeHundredIdenticalNestedQueriesSpreadOverThreeInstancesCostTheCallsOfOne() throws Exception {
        long before = fake.received();
        JsonNode alone = post(0, NESTED, Map.of("id", userId(1)));
        assertThat(alone.path("errors").isMissingNode()).as(alone::toString).isTrue();
        long callsOfOne = fake.received() - before;
        assertThat(callsOfOne).as("a page of notes, 5 of comments, 25 of replies").isEqualTo(31);

        before = fake.received();
        List<JsonNode> answers = concurrently(300, 30, i -> post(i % 3, NESTED, Map.of("id", userId(2))));
        for (JsonNode answer : answers) {
            assertThat(answer.path("errors").isMissingNode()).as(answer::toString).isTrue();
            assertThat(answer.at("/data/user/notes/nodes")).hasSize(5);
        }
        assertThat(fake.received() - before).as("upstream calls of 300 identical queries on three instances")
                .isEqualTo(callsOfOne);
    }

    @Test
    @Order(2)
    void aBurstOfDistinctCallsSpreadOverThreeInstancesStaysWithinTheConfiguredRate() throws Exception {
        int calls = 45;
        // each instance's first profile call loads code and opens a connection, which would delay the first calls of
        // the burst past the later ones: one call each first, then a pause for the bucket to fill again
        for (int i = 0; i < 3; i++) {
            post(i, PROFILE, Map.of("id", userId(90 + i)));
        }
        Thread.sleep(1_000);
        int already = fake.calledAt("get-user/v3").size();
        List<JsonNode> answers = concurrently(calls, calls,
                i -> post(i % 3, PROFILE, Map.of("id", userId(100 + i))));
        for (JsonNode answer : answers) {
            assertThat(answer.path("errors").isMissingNode()).as(answer::toString).isTrue();
        }
        List<Long> at = fake.calledAt("get-user/v3");
        at = at.subList(already, at.size());
        assertThat(at).hasSize(calls);
        // in any second, at most the rate plus the burst, give or take the few milliseconds by which timers and
        // connections shift a call's arrival (three instances each with their own bucket would allow 45)
        int worst = 0;
        for (int i = 0; i < at.size(); i++) {
            int inWindow = 0;
            for (long t : at) {
                if (t >= at.get(i) && t - at.get(i) < 1_000_000_000L) {
                    inWindow++;
                }
            }
            worst = Math.max(worst, inWindow);
        }
        assertThat(worst).as("calls in the busiest second, three instances together").isLessThanOrEqualTo(
                USER_RATE + BURST + 3);
        double seconds = (at.get(at.size() - 1) - at.get(0)) / 1e9;
        System.out.printf("rate: %d calls over three instances in %.2f s, at most %d in one second (limit %d + %d)%n",
                calls, seconds, worst, USER_RATE, BURST);
        assertThat(seconds).as("%d calls at %d a second after a burst of %d", calls, USER_RATE, BURST)
                .isGreaterThanOrEqualTo((calls - BURST - 1) / (double) USER_RATE * 0.9);
    }

    @Test
    @Order(3)
    void anAccountFailureSeenByOneInstanceStopsTheOtherTwoUntilAllResumeTogether() throws Exception {
        fake.failWith(601);
        try {
            long before = fake.received();
            JsonNode first = post(0, NOTE, Map.of("id", noteId(1)));
            assertThat(code(first)).isEqualTo("UPSTREAM_BALANCE_EXHAUSTED");
            assertThat(fake.received() - before).as("the one call that answered 601").isEqualTo(1);

            for (int i = 1; i < 3; i++) {
                JsonNode other = post(i, NOTE,
                        Map.of("id", noteId(1 + i)));
                assertThat(code(other)).as(other::toString).isEqualTo("UPSTREAM_BALANCE_EXHAUSTED");
            }
            assertThat(fake.received() - before).as("calls after the 601, other instances").isEqualTo(1);
        } finally {
            fake.failWith(null);
        }
        // the cool-down is 2 s: then every instance calls again
        Thread.sleep(2_100);
        long before = fake.received();
        for (int i = 0; i < 3; i++) {
            JsonNode resumed = post(i, NOTE,
                    Map.of("id", noteId(10 + i)));
            assertThat(resumed.path("errors").isMissingNode()).as(resumed::toString).isTrue();
        }
        assertThat(fake.received() - before).isEqualTo(3);
    }

    @Test
    @Order(4)
    void usageSurvivesKillMinus9OfAnInstanceInTheMiddleOfABurst() throws Exception {
        String killed = token(2);
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<Future<?>> burst = new ArrayList<>();
        try {
            for (int i = 0; i < 600; i++) {
                int n = i;
                burst.add(clients.submit(() -> {
                    try {
                        return post(n % 3, "query($id: String!) { note(id: $id, maxAge: 0) { title } }",
                                Map.of("id", noteId(1000 + n)));
                    } catch (IOException e) {
                        return null; // the killed instance's clients
                    }
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (fake.billed(killed) < 40 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(fake.billed(killed)).as("calls the doomed instance made").isGreaterThanOrEqualTo(40);
            instances.get(2).destroyForcibly(); // SIGKILL
            assertThat(instances.get(2).waitFor(10, TimeUnit.SECONDS)).isTrue();
            for (Future<?> f : burst) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fake.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long billedUpstream = fake.billed();
        long counted = sum("SELECT COALESCE(sum(billed), 0) FROM xhs_upstream_usage");
        long charged = sum("SELECT COALESCE(sum(billed), 0) FROM xhs_client_usage");
        assertThat(counted).as("billed calls counted, never more than the upstream billed")
                .isLessThanOrEqualTo(billedUpstream)
                .as("at most the calls the killed instance had in flight are missing")
                .isGreaterThanOrEqualTo(billedUpstream - MAX_CONCURRENCY);
        assertThat(charged).as("every counted call is charged to the client").isEqualTo(counted);
        System.out.printf("kill -9 mid-burst: upstream billed %d, usage rows %d, client charged %d%n",
                billedUpstream, counted, charged);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Query {
        JsonNode run(int i) throws Exception;
    }

    private static List<JsonNode> concurrently(int count, int threads, Query query) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit((Callable<JsonNode>) () -> query.run(n)));
            }
            List<JsonNode> answers = new ArrayList<>();
            for (Future<JsonNode> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode post(int instance, String query, Map<String, ?> variables)
            throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("query", query, "variables", variables));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(instance) + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(response.body());
    }

    private static String code(JsonNode answer) {
        return answer.at("/errors/0/extensions/code").asText();
    }

    private static String userId(int n) {
        return String.format("5c2f338a%016x", 0x0701e1c6L + n);
    }

    private static String noteId(int n) {
        return String.format("65bf5360%016x", 0x2000L + n);
    }

    private static String token(int instance) {
        return "cluster-token-" + instance;
    }

    private static void launch(int i) throws IOException {
        Path dir = Path.of("target/cluster-it/instance-" + i).toAbsolutePath();
        Files.createDirectories(dir);
        int port = freePort();
        ports.add(port);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m",
                "-Dxhs.upstream.rate-limit.per-endpoint.user=" + USER_RATE, "-jar", JAR.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(freePort()));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", jdbcUrl.substring("jdbc:".length()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("JUSTONEAPI_BASE_URL", "http://127.0.0.1:" + fake.port());
        env.put("JUSTONEAPI_TOKEN", token(i));
        env.put("XHS_ADMIN_KEY", KEY);
        env.put("XHS_ACCESS_ADMIN_DAILY_BUDGET", "1000000");
        env.put("XHS_UPSTREAM_RATE_LIMIT_PER_SECOND", "1000");
        env.put("XHS_UPSTREAM_RATE_LIMIT_BURST", String.valueOf(BURST));
        env.put("XHS_UPSTREAM_MAX_CONCURRENCY", String.valueOf(MAX_CONCURRENCY));
        env.put("XHS_UPSTREAM_BREAKER_COOL_DOWN", "2s");
        // the production bound: three instances, 30 clients and PostgreSQL on two cores keep pools busy for seconds
        env.put("XHS_CLUSTER_GIVE_UP_AFTER", "10s");
        env.put("XHS_GRAPH_MAX_CONCURRENT_QUERIES", "64");
        env.put("QUARKUS_LOG_LEVEL", "INFO");
        instances.add(builder.start());
    }

    private static void awaitReady(int i) throws Exception {
        Path log = Path.of("target/cluster-it/instance-" + i + "/service.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(instances.get(i).isAlive()).as(() -> read(log)).isTrue();
            try {
                JsonNode answer = post(i, "{ viewer { name } }", Map.of());
                if (answer.at("/data/viewer/name").isTextual()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instance " + i + " did not become ready:\n" + read(log));
    }

    /** A new, empty database on the PostgreSQL server when one listens on 5432, else on an embedded one. */
    private static String freshDatabase() throws IOException, SQLException {
        String server = "jdbc:postgresql://127.0.0.1:5432/";
        if (!listening(5432)) {
            embedded = EmbeddedPostgres.builder().start();
            server = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
        }
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        return server + DATABASE;
    }

    private static long sum(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
