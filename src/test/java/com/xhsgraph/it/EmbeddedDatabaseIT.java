package com.xhsgraph.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The packaged application on its embedded PostgreSQL, run as a user runs it ({@code java -jar} in a directory of its
 * own, the built-in demo as the upstream): what it stored survives a restart and is served offline, and a second
 * instance in another directory, which cannot start its own server on the port the build fixed, refuses to start
 * rather than use the first one's database.
 */
class EmbeddedDatabaseIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final String CREATOR = "5c2f338a000000000701e1c6";
    private static final String PROFILE = """
            query($id: String!, $maxAge: Int) {
              user(id: $id, maxAge: $maxAge) { nickname followerCount source stale notes(first: 3) { nodes { title } } }
            }
            """;

    private final List<Process> started = new ArrayList<>();

    private record Instance(Process process, int port, Path log) {}

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void storedDataSurvivesARestartAndIsServedOffline() throws Exception {
        Path dir = Files.createTempDirectory("xhs-graph-restart");
        Instance first = start(dir, Map.of());
        JsonPath fetched = post(first, PROFILE, Map.of("id", CREATOR));
        assertThat(fetched.getList("errors")).as(fetched.prettify()).isNull();
        assertThat(fetched.getString("data.user.source")).isEqualTo("UPSTREAM");
        String nickname = fetched.getString("data.user.nickname");
        List<String> titles = fetched.getList("data.user.notes.nodes.title");
        stop(first);

        Instance offline = start(dir, Map.of("XHS_SNAPSHOTS_OFFLINE", "true"));
        JsonPath stored = post(offline, PROFILE, Map.of("id", CREATOR));
        assertThat(stored.getList("errors")).as(stored.prettify()).isNull();
        assertThat(stored.getString("data.user.nickname")).isEqualTo(nickname);
        assertThat(stored.getString("data.user.source")).isEqualTo("SNAPSHOT");
        assertThat(stored.getBoolean("data.user.stale")).as("fresh enough for the default maxAge").isFalse();
        assertThat(stored.getList("data.user.notes.nodes.title")).isEqualTo(titles);
        assertThat(stored.getInt("extensions.upstream.calls")).isZero();

        JsonPath old = post(offline, PROFILE, Map.of("id", CREATOR, "maxAge", 0));
        assertThat(old.getBoolean("data.user.stale")).as("older than maxAge 0, served offline all the same").isTrue();

        JsonPath further = post(offline, """
                query($id: String!) { user(id: $id) { notes(first: 15) { nodes { title } } } }
                """, Map.of("id", CREATOR));
        assertThat(further.getString("errors[0].extensions.code")).as("the second page was never fetched")
                .isEqualTo("NOT_IN_SNAPSHOT");
        assertThat(further.<Object>getList("errors[0].path")).containsExactly("user", "notes");

        JsonPath unknown = post(offline, "query { user(id: \"5c2f338a00000000070100ff\") { nickname } }", Map.of());
        assertThat(unknown.getString("errors[0].extensions.code")).isEqualTo("NOT_IN_SNAPSHOT");
        assertThat(unknown.getInt("extensions.upstream.calls")).isZero();
    }

    @Test
    void aSecondInstanceRefusesToUseAnotherInstancesDatabase() throws Exception {
        Instance first = start(Files.createTempDirectory("xhs-graph-first"), Map.of());
        assertThat(post(first, PROFILE, Map.of("id", CREATOR)).getString("data.user.nickname")).isNotBlank();

        Path otherDir = Files.createTempDirectory("xhs-graph-second");
        Process second = launch(otherDir, freePort(), freePort(), Map.of());
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the second instance stops by itself").isTrue();
        String output = Files.readString(otherDir.resolve("service.log"));
        assertThat(second.exitValue()).as(output).isNotZero();
        assertThat(output).contains("held by another server").contains("Stop the other instance");

        JsonPath stillServing = post(first, PROFILE, Map.of("id", CREATOR));
        assertThat(stillServing.getList("errors")).isNull();
    }

    private Instance start(Path dir, Map<String, String> env) throws Exception {
        int port = freePort();
        int management = freePort();
        Process process = launch(dir, port, management, env);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as(() -> log(dir)).isTrue();
            try {
                if (given().port(management).when().get("/q/health/ready").statusCode() == 200) {
                    return new Instance(process, port, dir.resolve("service.log"));
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the application did not become ready:\n" + log(dir));
    }

    private Process launch(Path dir, int port, int management, Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        builder.environment().put("XHS_DEMO_ENABLED", "true");
        builder.environment().remove("JUSTONEAPI_TOKEN");
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void stop(Instance instance) throws InterruptedException {
        instance.process().destroy();
        assertThat(instance.process().waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }

    private static JsonPath post(Instance instance, String query, Map<String, ?> variables) {
        return given().port(instance.port()).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
