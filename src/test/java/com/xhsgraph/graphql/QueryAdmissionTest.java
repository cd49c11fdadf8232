package com.xhsgraph.graphql;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.Management;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * At most one query executes at once here (and one may wait): a second query waits for the first and then runs, a
 * third is refused at once with OVERLOADED, and a query that waits longer than the queue timeout is refused.
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(QueryAdmissionTest.Profile.class)
class QueryAdmissionTest extends GraphTestBase {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xhs.graph.max-concurrent-queries", "1",
                    "xhs.graph.max-queued-queries", "1",
                    "xhs.graph.queue-timeout", "1500ms",
                    "xhs.upstream.timeout", "10s");
        }
    }

    private static final String SLOW = id("5c2f338a", 71);
    private static final String FAST = id("5c2f338a", 72);
    private static final String OTHER = id("5c2f338a", 73);
    private static final String QUERY = "query($id: String!) { user(id: $id, maxAge: 0) { xhsId nickname } }";

    private record Timed(Response response, long finishedNanos) {}

    private static CompletableFuture<Timed> send(String userId) {
        return CompletableFuture.supplyAsync(() -> {
            Response response = given().contentType(ContentType.JSON)
                    .body(Map.of("query", QUERY, "variables", Map.of("id", userId)))
                    .when().post("/graphql").then().extract().response();
            return new Timed(response, System.nanoTime());
        }, com.xhsgraph.support.GraphQLClient.AT_ONCE);
    }

    /** Waits until the slow query has reached the upstream, so it holds the only slot. */
    private void awaitSlowInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstream.calls(USER, "userId", SLOW) == 0) {
            assertThat(System.nanoTime()).as("the slow query reaches the upstream").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aQueryWaitsForTheSlotAndOneMoreIsRefusedAtOnce() throws Exception {
        upstream.user(SLOW, json(Fixtures.profile(SLOW, 1)).withFixedDelay(1_000));
        upstream.user(FAST, json(Fixtures.profile(FAST, 2)));
        upstream.user(OTHER, json(Fixtures.profile(OTHER, 3)));

        CompletableFuture<Timed> slow = send(SLOW);
        awaitSlowInFlight();
        CompletableFuture<Timed> waiting = send(FAST);
        awaitMetric("xhs_graphql_queries_waiting 1.0");
        long refusedStarted = System.nanoTime();
        Timed refused = send(OTHER).get();

        assertThat(refused.response().statusCode()).isEqualTo(503);
        assertThat(refused.response().header("Retry-After")).isEqualTo("1");
        assertThat(refused.response().jsonPath().getString("errors[0].extensions.code")).isEqualTo("OVERLOADED");
        assertThat(refused.response().jsonPath().getString("errors[0].message")).contains("too many queries");
        assertThat(Duration.ofNanos(refused.finishedNanos() - refusedStarted)).isLessThan(Duration.ofMillis(700));
        assertThat(upstream.calls(USER, "userId", OTHER)).isZero();

        Timed first = slow.get();
        Timed second = waiting.get();
        assertThat(first.response().statusCode()).isEqualTo(200);
        assertThat(second.response().statusCode()).isEqualTo(200);
        assertThat(second.response().jsonPath().getString("data.user.xhsId")).isEqualTo(FAST);
        assertThat(second.finishedNanos()).as("the waiting query ran after the first").isGreaterThan(
                first.finishedNanos());

        // every slot was given back
        assertThat(send(OTHER).get().response().jsonPath().getString("data.user.xhsId")).isEqualTo(OTHER);
        assertThat(Management.given().when().get("/q/metrics").then().extract().asString())
                .containsPattern("xhs_graphql_queries_refused_total [1-9]");
        awaitNoneRunning();
    }

    @Test
    void aMaxAgeZeroQueryThatWaitedForTheSlotTakesWhatWasFetchedAfterItArrived() throws Exception {
        upstream.user(SLOW, json(Fixtures.profile(SLOW, 1)).withFixedDelay(1_000));

        CompletableFuture<Timed> first = send(SLOW);
        awaitSlowInFlight();
        CompletableFuture<Timed> waiting = send(SLOW);
        awaitMetric("xhs_graphql_queries_waiting 1.0");

        assertThat(first.get().response().jsonPath().getString("data.user.xhsId")).isEqualTo(SLOW);
        Timed second = waiting.get();
        assertThat(second.response().jsonPath().getString("data.user.xhsId")).isEqualTo(SLOW);
        // the first query's call answered after the second arrived: maxAge 0 is satisfied without a second call
        assertThat(upstream.calls(USER, "userId", SLOW)).isEqualTo(1);
        assertThat(second.response().jsonPath().getInt("extensions.upstream.calls")).isZero();
        awaitNoneRunning();
    }

    /** Slots are given back as responses are written, not only when they are needed again. */
    private static void awaitNoneRunning() throws InterruptedException {
        awaitMetric("xhs_graphql_queries_running 0.0");
    }

    /** Waits until the metrics show {@code line}: the service has reached that state. */
    private static void awaitMetric(String line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String metrics;
        do {
            metrics = Management.given().when().get("/q/metrics").then().extract().asString();
            if (metrics.contains(line)) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat(metrics).contains(line);
    }

    @Test
    void aQueryWaitingLongerThanTheQueueTimeoutIsRefused() throws Exception {
        upstream.user(SLOW, json(Fixtures.profile(SLOW, 1)).withFixedDelay(3_000));
        upstream.user(FAST, json(Fixtures.profile(FAST, 2)));

        CompletableFuture<Timed> slow = send(SLOW);
        awaitSlowInFlight();
        long started = System.nanoTime();
        Timed refused = send(FAST).get();

        assertThat(refused.response().statusCode()).isEqualTo(503);
        assertThat(refused.response().jsonPath().getString("errors[0].extensions.code")).isEqualTo("OVERLOADED");
        assertThat(refused.response().jsonPath().getString("errors[0].message")).contains("within 1500 ms");
        assertThat(Duration.ofNanos(refused.finishedNanos() - started)).isBetween(Duration.ofMillis(1_400),
                Duration.ofMillis(2_900));
        assertThat(upstream.calls(USER, "userId", FAST)).isZero();

        assertThat(slow.get().response().jsonPath().getString("data.user.xhsId")).isEqualTo(SLOW);
        assertThat(send(FAST).get().response().jsonPath().getString("data.user.xhsId")).isEqualTo(FAST);
        awaitNoneRunning();
    }
}
