package com.xhsgraph.upstream.justoneapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.DETAIL;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.TOKEN;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.xhsgraph.service.UsageService;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.Management;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A misbehaving upstream, by exact request counts: retries that never double-bill, single flight across concurrent
 * requests, query budgets, the account breaker, and the cost reported in every response. The breaker test comes last
 * because it leaves the breaker open for this application instance (HTTP 429 carrying 302 or 303 is covered, with a
 * breaker that does not stay open, by ErrorCodesTest).
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(ResilienceTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceTest extends GraphTestBase {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xhs.upstream.breaker.cool-down", "10m",
                    "xhs.upstream.timeout", "700ms",
                    "xhs.upstream.retry.max-total", "10s");
        }
    }

    private static final String USER_ID = id("5c2f338a", 91);
    private static final String PROFILE = """
            query($id: String!) { user(id: $id, maxAge: 0) { nickname followerCount } }
            """;

    @Inject
    UsageService usage;

    private JsonPath profile() {
        return GraphQLClient.post(PROFILE, Map.of("id", USER_ID)).jsonPath();
    }

    private void sequence(String path, String scenario, String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            String state = i == 0 ? STARTED : "step" + i;
            wiremock.register(get(urlPathEqualTo(path)).withQueryParam("token", equalTo(TOKEN))
                    .inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(json(bodies[i])).willSetStateTo("step" + (i + 1)));
        }
    }

    private static Map<String, Integer> cost(JsonPath body) {
        return body.getMap("extensions.upstream");
    }

    @Test
    @Order(1)
    void a301ThenSuccessIsRetriedOnceAndBilledOnce() {
        sequence(USER, "301-then-ok", Fixtures.error(301, "collection failed"), Fixtures.profile(USER_ID, 5));

        JsonPath body = profile();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getInt("data.user.followerCount")).isEqualTo(5);
        assertThat(upstream.calls(USER)).isEqualTo(2);
        assertThat(cost(body)).containsEntry("calls", 2).containsEntry("billed", 1).containsEntry("retries", 1);
    }

    @Test
    @Order(2)
    void a302StormGivesUpAfterTheBoundedAttempts() {
        upstream.user(USER_ID, json(Fixtures.error(302, "too fast")));

        JsonPath body = profile();

        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_RATE_LIMITED");
        assertThat(upstream.calls(USER)).isEqualTo(3);
        assertThat(cost(body)).containsEntry("calls", 3).containsEntry("billed", 0).containsEntry("retries", 2);
    }

    @Test
    @Order(4)
    void a500IsRetriedThenReported() {
        upstream.user(USER_ID, aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.error(500, "internal")));

        JsonPath body = profile();

        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(upstream.calls(USER)).isEqualTo(3);
    }

    @Test
    @Order(5)
    void aDelayPastTheTimeoutIsRetriedThenReported() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 5)).withFixedDelay(1_500));

        JsonPath body = profile();

        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(upstream.calls(USER)).isEqualTo(3);
        assertThat(cost(body)).containsEntry("calls", 3).containsEntry("retries", 2).containsEntry("billed", 0);
    }

    @Test
    @Order(6)
    void aBodyThatIsNotJsonWithStatus200IsNotRetried() {
        upstream.user(USER_ID, aResponse().withStatus(200).withBody("<html>maintenance</html>"));

        JsonPath body = profile();

        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }

    @Test
    @Order(7)
    void identicalConcurrentQueriesShareOneUpstreamCall() {
        List<String> notes = IntStream.range(0, 10).mapToObj(i -> id("6a7e9ff6", 900 + i)).toList();
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, notes, false, true)).withFixedDelay(400));
        String query = """
                query($id: String!) { user(id: $id) { notes(first: 10, maxAge: 0) { nodes { xhsId } } } }
                """;

        List<CompletableFuture<JsonPath>> queries = IntStream.range(0, 25)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> GraphQLClient.post(query, Map.of("id", USER_ID))
                        .jsonPath(), GraphQLClient.AT_ONCE))
                .toList();

        int calls = 0;
        int saved = 0;
        for (CompletableFuture<JsonPath> q : queries) {
            JsonPath body = q.join();
            assertThat(body.getList("data.user.notes.nodes.xhsId")).containsExactlyElementsOf(notes);
            calls += cost(body).get("calls");
            // joined the call in flight, or (arriving while it was in flight) took its answer once stored
            saved += cost(body).get("savedBySingleFlight") + cost(body).get("savedBySnapshots");
        }
        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        assertThat(calls).isEqualTo(1);
        assertThat(saved).isEqualTo(24);
    }

    @Test
    @Order(8)
    void snapshotsSaveCallsAndSaySo() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 5)));
        GraphQLClient.post("query($id: String!) { user(id: $id) { nickname } }", Map.of("id", USER_ID));

        JsonPath body = GraphQLClient.post("query($id: String!) { user(id: $id) { nickname } }",
                Map.of("id", USER_ID)).jsonPath();

        assertThat(cost(body)).containsEntry("calls", 0).containsEntry("savedBySnapshots", 1);
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }

    @Test
    @Order(9)
    void aQueryOverBudgetIsRefusedBeforeAnythingIsSpent() {
        JsonPath body = GraphQLClient.post("""
                query($id: String!) {
                  user(id: $id) { notes(first: 100) { nodes { comments(first: 100) { nodes { content } } } } }
                }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("QUERY_BUDGET_EXCEEDED");
        // 10 note pages; per note, 10 comment pages and the first page asked for again when LATEST returns it empty
        assertThat(body.getLong("errors[0].extensions.estimatedCalls")).isEqualTo(10 + 100 * (10 + 1));
        assertThat(body.getInt("errors[0].extensions.budget")).isEqualTo(200);
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    @Order(10)
    void aDryRunReturnsTheEstimateAndPlanWithoutCallingTheUpstream() {
        String nested = """
                query($id: String!) {
                  user(id: $id) {
                    notes(first: 5) { nodes { title comments(first: 5) { nodes { content replies(first: 5) {
                      nodes { content } } } } } }
                  }
                }
                """;
        JsonPath body = given().contentType(ContentType.JSON).header("X-Upstream-Dry-Run", "true")
                .body(Map.of("query", nested, "variables", Map.of("id", USER_ID)))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();

        assertThat(body.getBoolean("extensions.upstream.dryRun")).isTrue();
        assertThat(body.getInt("extensions.upstream.estimatedCalls")).isEqualTo(36);
        assertThat(body.getList("extensions.upstream.plan.endpoint")).containsExactly("get-user-note-list/v4",
                "get-note-comment/v2", "get-note-sub-comment/v2");
        assertThat(body.getList("extensions.upstream.plan.calls")).containsExactly(1, 10, 25);
        assertThat(body.getString("data")).isNull();
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    @Order(11)
    void usageIsAccountedPerEndpointPerDayAndMetricsAreExposed() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 5)));
        profile();
        profile();
        usage.flush().await().indefinitely();

        JsonPath body = GraphQLClient
                .postAs(GraphQLClient.ADMIN_KEY, "{ upstreamUsage { day endpoint calls billed failed } }",
                        Map.of())
                .jsonPath();
        List<Map<String, Object>> rows = body.getList("data.upstreamUsage");
        Map<String, Object> user = rows.stream().filter(r -> "get-user/v3".equals(r.get("endpoint"))).findFirst()
                .orElseThrow();
        assertThat((Integer) user.get("billed")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) user.get("calls")).isGreaterThan((Integer) user.get("billed"));
        assertThat(db.count("SELECT sum(billed) FROM xhs_upstream_usage WHERE endpoint = 'get-user/v3'"))
                .isEqualTo(((Integer) user.get("billed")).longValue());

        String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("xhs_upstream_calls_total{code=\"0\",endpoint=\"get-user/v3\",outcome=\"ok\"")
                .contains("xhs_upstream_calls_total{code=\"302\",endpoint=\"get-user/v3\",outcome=\"rate_limited\"")
                .contains("xhs_upstream_latency_seconds_bucket{endpoint=\"get-user/v3\"")
                .contains("xhs_upstream_retries_total{endpoint=\"get-user/v3\"")
                .contains("xhs_upstream_singleflight_joined_total{endpoint=\"get-user-note-list/v4\"")
                .contains("xhs_query_budget_rejections_total")
                .contains("xhs_upstream_breaker_open")
                .doesNotContain(TOKEN);
    }

    @Test
    @Order(20)
    void accountFailuresOpenTheBreakerAndLaterCallsAnswerAtOnceOrFromSnapshots() {
        String stored = id("5c2f338a", 92);
        upstream.user(stored, json(Fixtures.profile(stored, 8)));
        GraphQLClient.post("query($id: String!) { user(id: $id) { nickname } }", Map.of("id", stored));
        upstream.reset();
        upstream.user(USER_ID, json(Fixtures.error(601, "insufficient balance")));
        upstream.detail(id("65bf5360", 92), json(Fixtures.error(601, "insufficient balance")));

        JsonPath first = profile();
        assertThat(first.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_BALANCE_EXHAUSTED");
        assertThat(upstream.calls(USER)).isEqualTo(1);

        JsonPath other = GraphQLClient.post("query { note(id: \"%s\") { title } }".formatted(id("65bf5360", 92)))
                .jsonPath();
        assertThat(other.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_BALANCE_EXHAUSTED");
        assertThat(other.getString("errors[0].message")).contains("not calling again");
        assertThat(upstream.calls(DETAIL)).as("the open breaker answers without calling").isZero();

        JsonPath fromSnapshot = GraphQLClient.post("""
                query($id: String!) { user(id: $id, maxAge: 0) { followerCount stale } }
                """, Map.of("id", stored)).jsonPath();
        assertThat(fromSnapshot.getList("errors")).isNull();
        assertThat(fromSnapshot.getInt("data.user.followerCount")).isEqualTo(8);
        assertThat(fromSnapshot.getBoolean("data.user.stale")).isTrue();
        assertThat(upstream.totalCalls()).isEqualTo(1);
    }
}
