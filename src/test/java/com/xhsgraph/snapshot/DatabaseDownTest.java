package com.xhsgraph.snapshot;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.Management;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A database that goes down does not take the service down: queries still answer from the upstream and say that
 * persistence failed, and readiness reports the database as down. It kills the embedded PostgreSQL, so it runs in an
 * application instance of its own.
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(DatabaseDownTest.OwnInstance.class)
class DatabaseDownTest extends GraphTestBase {

    public static class OwnInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.idle-timeout", "PT1S");
        }
    }

    private static final String USER_ID = id("5c2f338a", 71);

    @Test
    void queriesStillAnswerFromTheUpstreamAndReadinessReportsTheDatabaseDown() throws Exception {
        Management.given().when().get("/q/health/ready").then().statusCode(200);
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 77)));

        killDatabase();
        awaitReadinessDown();

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { nickname followerCount source } }
                """, Map.of("id", USER_ID)).jsonPath();
        assertThat(body.getList("errors")).as(body.prettify()).isNull();
        assertThat(body.getInt("data.user.followerCount")).isEqualTo(77);
        assertThat(body.getString("data.user.source")).isEqualTo("UPSTREAM");
        assertThat(body.<String>getList("extensions.warnings.code"))
                .contains("SNAPSHOT_UNAVAILABLE", "PERSISTENCE_FAILED");

        String readiness = Management.given().when().get("/q/health/ready").then().statusCode(503).extract().asString();
        assertThat(readiness).contains("DOWN");
        Management.given().when().get("/q/health/live").then().statusCode(200);
    }

    /** Stops the embedded PostgreSQL hard: the postmaster first, so that nothing reconnects, then every backend. */
    private void killDatabase() throws SQLException, java.io.IOException, InterruptedException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String dataDirectory;
            try (ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                dataDirectory = rs.getString(1);
            }
            long postmaster = Long
                    .parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
            ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
            handle.destroyForcibly();
            handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            try {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()");
            } catch (SQLException alreadyGone) {
                // the backends went down with the postmaster
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not stop", e);
        }
    }

    /** Waits until the service has noticed: readiness reports the database down. */
    private static void awaitReadinessDown() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Management.given().when().get("/q/health/ready").statusCode() != 503) {
            assertThat(System.nanoTime()).as("readiness reports the database down").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
