package com.xhsgraph.access;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.xhsgraph.service.DocumentService;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Where the service is open (dev mode, the demo, these tests), requests without a key run as the anonymous client;
 * keys, budgets, admin fields, persisted queries and CORS work as in production. Every refusal costs 0 calls.
 */
@QuarkusTest
@ConnectWireMock
class OpenAccessTest extends GraphTestBase {

    private static final String ADMIN = GraphQLClient.ADMIN_KEY;
    private static final String NOTES_QUERY = """
            query($id: String!, $first: Int) { user(id: $id) { notes(first: $first, maxAge: 0) { nodes { xhsId } } } }
            """;
    private static final String VIEWER = "{ viewer { name role dailyLimit usedToday remaining resetAt } }";

    private static int created;

    /** A new client with {@code budget} billed calls a day; its key. */
    private static String newClient(int budget, List<String> origins) {
        String name = "client-" + System.nanoTime() + "-" + (++created);
        JsonPath made = GraphQLClient.postAs(ADMIN, """
                mutation($name: String!, $budget: Int!, $origins: [String!]) {
                  createClient(name: $name, dailyBudget: $budget, allowedOrigins: $origins) {
                    key client { name role dailyBudget keyPrefix }
                  }
                }
                """, Map.of("name", name, "budget", budget, "origins", origins)).jsonPath();
        assertThat(made.getList("errors")).as(made.prettify()).isNull();
        String key = made.getString("data.createClient.key");
        assertThat(key).startsWith("xhs_").hasSizeGreaterThan(40);
        assertThat(made.getString("data.createClient.client.keyPrefix")).isEqualTo(key.substring(0, 12));
        return key;
    }

    private void stubNotes(String userId, int notes, int delayMillis) {
        List<String> ids = IntStream.range(0, notes)
                .mapToObj(i -> id("6a7e9ff6", Math.floorMod(userId.hashCode(), 1000) * 10 + i))
                .toList();
        upstream.notes(userId, null, json(Fixtures.notePage(userId, ids, false, true)).withFixedDelay(delayMillis));
    }

    @Test
    void requestsWithoutAKeyRunAsTheAnonymousClient() {
        Response response = GraphQLClient.post(VIEWER);

        JsonPath viewer = response.jsonPath();
        assertThat(viewer.getString("data.viewer.name")).isEqualTo("anonymous");
        assertThat(viewer.getString("data.viewer.role")).isEqualTo("client");
        assertThat(viewer.getInt("data.viewer.dailyLimit")).isEqualTo(1_000_000);
        assertThat(response.header("X-RateLimit-Limit")).isEqualTo("1000000");
        assertThat(response.header("X-RateLimit-Reset")).matches("[0-9]{10}");
    }

    @Test
    void aKeyTheServiceDoesNotKnowIsRefusedEvenWhereItIsOpen() {
        String user = id("5c2f338a", 301);
        stubNotes(user, 3, 0);

        Response refused = GraphQLClient.postAs("xhs_" + "0".repeat(43), NOTES_QUERY, Map.of("id", user, "first", 3));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(upstream.totalCalls()).isZero();

        // credentials of another form are not quietly served as the anonymous client either
        for (String authorization : List.of("Bearer not-a-key", "Basic Zm9vOmJhcg==", "Bearer", "Token abc")) {
            Response other = given().contentType(ContentType.JSON).header("Authorization", authorization)
                    .body(Map.of("query", NOTES_QUERY, "variables", Map.of("id", user, "first", 3)))
                    .when().post("/graphql").then().extract().response();
            assertThat(other.statusCode()).as(authorization).isEqualTo(401);
            assertThat(other.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void adminFieldsAreRefusedToClients() {
        String key = newClient(10, List.of());
        for (String query : List.of("{ upstreamUsage { day endpoint calls } }", "{ clients { name } }",
                "{ clientUsage { client billed } }",
                "mutation { createClient(name: \"sneaky\", dailyBudget: 1000000) { key } }",
                "mutation { revokeClient(name: \"admin\") { name } }",
                "mutation { trustDocuments(documents: [\"{ viewer { name } }\"]) }")) {
            JsonPath anonymous = GraphQLClient.post(query).jsonPath();
            assertThat(anonymous.getString("errors[0].extensions.code")).as(query).isEqualTo("UNAUTHENTICATED");
            JsonPath client = GraphQLClient.postAs(key, query, Map.of()).jsonPath();
            assertThat(client.getString("errors[0].extensions.code")).as(query).isEqualTo("FORBIDDEN");
            assertThat(client.getString("errors[0].message")).contains("admins");
        }
        assertThat(GraphQLClient.postAs(ADMIN, "{ clients { name } }", Map.of()).jsonPath()
                .getList("data.clients.name")).contains("admin").doesNotContain("sneaky");
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void aKeyWorksUntilItIsRevoked() {
        String key = newClient(50, List.of());
        JsonPath viewer = GraphQLClient.postAs(key, VIEWER, Map.of()).jsonPath();
        String name = viewer.getString("data.viewer.name");
        assertThat(name).startsWith("client-");
        assertThat(viewer.getInt("data.viewer.dailyLimit")).isEqualTo(50);
        assertThat(viewer.getInt("data.viewer.remaining")).isEqualTo(50);

        JsonPath revoked = GraphQLClient
                .postAs(ADMIN, "mutation($n: String!) { revokeClient(name: $n) { name revokedAt } }",
                        Map.of("n", name))
                .jsonPath();
        assertThat(revoked.getString("data.revokeClient.revokedAt")).isNotNull();

        Response refused = GraphQLClient.postAs(key, VIEWER, Map.of());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(db.count("SELECT count(*) FROM xhs_client WHERE id = ? AND key_hash IS NOT NULL", name))
                .as("only the key's hash is stored").isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM xhs_client WHERE key_hash = ?", key)).isZero();
    }

    @Test
    void aClientOverItsBudgetIsRefusedBeforeAnythingIsSpent() {
        String key = newClient(2, List.of());
        String user = id("5c2f338a", 302);
        stubNotes(user, 10, 0);

        // 25 notes: up to 3 pages, more than the 2 calls of the day
        Response over = GraphQLClient.postAs(key, NOTES_QUERY, Map.of("id", user, "first", 25));
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.jsonPath().getString("errors[0].extensions.code")).isEqualTo("CLIENT_BUDGET_EXCEEDED");
        assertThat(over.jsonPath().getInt("errors[0].extensions.estimatedCalls")).isEqualTo(3);
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 86_400L);
        assertThat(over.header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(upstream.totalCalls()).isZero();

        Response fits = GraphQLClient.postAs(key, NOTES_QUERY, Map.of("id", user, "first", 10));
        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(fits.jsonPath().getList("data.user.notes.nodes")).hasSize(10);
        assertThat(fits.header("X-RateLimit-Used")).as("charged what it billed").isEqualTo("1");
        assertThat(fits.header("X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(upstream.calls(NOTES)).isEqualTo(1);

        Response overNow = GraphQLClient.postAs(key, NOTES_QUERY, Map.of("id", user, "first", 20));
        assertThat(overNow.statusCode()).isEqualTo(429);
        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        JsonPath viewer = GraphQLClient.postAs(key, VIEWER, Map.of()).jsonPath();
        assertThat(viewer.getInt("data.viewer.usedToday")).isEqualTo(1);
        assertThat(viewer.getInt("data.viewer.remaining")).isEqualTo(1);

        String name = viewer.getString("data.viewer.name");
        JsonPath usage = GraphQLClient
                .postAs(ADMIN, "query($c: String) { clientUsage(client: $c) { client endpoint calls billed } }",
                        Map.of("c", name))
                .jsonPath();
        assertThat(usage.getList("data.clientUsage.endpoint")).containsExactly("get-user-note-list/v4");
        assertThat(usage.getList("data.clientUsage.billed")).containsExactly(1);
    }

    @Test
    void concurrentQueriesNeverReserveTogetherMoreThanTheBudget() throws Exception {
        String key = newClient(3, List.of());
        List<String> users = IntStream.range(0, 8).mapToObj(i -> id("5c2f338a", 310 + i)).toList();
        users.forEach(u -> stubNotes(u, 2, 300));

        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        List<Response> answers = new ArrayList<>();
        try {
            List<CompletableFuture<Response>> sent = users.stream().map(u -> CompletableFuture.supplyAsync(
                    () -> GraphQLClient.postAs(key, NOTES_QUERY, Map.of("id", u, "first", 2)), pool)).toList();
            for (CompletableFuture<Response> answer : sent) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        long ran = answers.stream().filter(r -> r.statusCode() == 200).count();
        long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
        assertThat(ran).isEqualTo(3);
        assertThat(refused).isEqualTo(5);
        assertThat(upstream.calls(NOTES)).isEqualTo(3);
    }

    @Test
    void queriesReserveFromALeaseNotOneDatabaseRowEach() {
        String key = newClient(1000, List.of());
        String viewerName = GraphQLClient.postAs(key, VIEWER, Map.of()).jsonPath().getString("data.viewer.name");
        for (int i = 0; i < 6; i++) {
            String user = id("5c2f338a", 330 + i);
            stubNotes(user, 2, 0);
            Response ran = GraphQLClient.postAs(key, NOTES_QUERY, Map.of("id", user, "first", 2));
            assertThat(ran.statusCode()).isEqualTo(200);
            assertThat(ran.header("X-RateLimit-Used")).isEqualTo(String.valueOf(i + 1));
            assertThat(ran.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(1000 - i - 1));
        }
        // one lease (5 % of the budget) held in the database for all of them, shrunk by what was billed
        assertThat(db.count("select count(*) from xhs_budget_reservation where client_id = ?", viewerName))
                .isEqualTo(1);
        assertThat(db.count("select calls from xhs_budget_reservation where client_id = ?", viewerName))
                .isEqualTo(50 - 6);
        assertThat(db.count("select sum(billed) from xhs_client_usage where client_id = ?", viewerName)).isEqualTo(6);
        JsonPath viewer = GraphQLClient.postAs(key, VIEWER, Map.of()).jsonPath();
        assertThat(viewer.getInt("data.viewer.usedToday")).isEqualTo(6);
        assertThat(viewer.getInt("data.viewer.remaining")).as("the idle lease is not spent").isEqualTo(994);
    }

    @Test
    void persistedQueriesRunByTheirHashOnceRegistered() {
        String user = id("5c2f338a", 320);
        stubNotes(user, 2, 0);
        String document = "query Notes($id: String!) { user(id: $id) { notes(first: 2) { nodes { xhsId } } } }";
        String hash = DocumentService.sha256(document);
        Map<String, Object> persisted = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));

        JsonPath unknown = given().contentType(ContentType.JSON)
                .body(Map.of("variables", Map.of("id", user), "extensions", persisted))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(unknown.getString("errors[0].message")).isEqualTo("PersistedQueryNotFound");
        assertThat(unknown.getString("errors[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        JsonPath registered = given().contentType(ContentType.JSON)
                .body(Map.of("query", document, "variables", Map.of("id", user), "extensions", persisted))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(registered.getList("data.user.notes.nodes")).hasSize(2);

        JsonPath byHash = given().contentType(ContentType.JSON)
                .body(Map.of("variables", Map.of("id", user), "extensions", persisted))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(byHash.getList("errors")).isNull();
        assertThat(byHash.getList("data.user.notes.nodes")).hasSize(2);

        // a GET by hash: what a CDN can cache
        JsonPath get = given().queryParam("variables", "{\"id\":\"" + user + "\"}")
                .queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}")
                .when().get("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(get.getList("data.user.notes.nodes")).hasSize(2);
        assertThat(upstream.calls(NOTES)).as("within maxAge: one call").isEqualTo(1);
    }

    @Test
    void aPersistedQueryWhoseHashIsWrongOrMalformedIsABadRequest() {
        String document = "{ viewer { name } }";
        for (Object persisted : List.of(Map.of("version", 1, "sha256Hash", "a".repeat(64)),
                Map.of("version", 2, "sha256Hash", DocumentService.sha256(document)),
                Map.of("version", 1, "sha256Hash", "not-hex"), "a string", List.of(1))) {
            Response response = given().contentType(ContentType.JSON)
                    .body(Map.of("query", document, "extensions", Map.of("persistedQuery", persisted)))
                    .when().post("/graphql").then().extract().response();
            assertThat(response.statusCode()).as(persisted.toString()).isEqualTo(400);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
        }
        assertThat(db.count("SELECT count(*) FROM xhs_persisted_query WHERE document = ?", document)).isZero();
    }

    @Test
    void browsersOfTheAllowedOriginsPassThePreflightOthersDoNot() {
        Response allowed = given().header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/graphql").then().extract().response();
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

        Response refused = given().header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/graphql").then().extract().response();
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

        Response exposed = given().header("Origin", "https://app.example.com").contentType(ContentType.JSON)
                .body(Map.of("query", VIEWER)).when().post("/graphql").then().extract().response();
        assertThat(exposed.header("Access-Control-Expose-Headers")).containsIgnoringCase("x-ratelimit-remaining");
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void aKeyNarrowedToOtherOriginsIsRefusedFromThisOne() {
        String key = newClient(10, List.of("https://intranet.example.com"));
        String user = id("5c2f338a", 330);
        stubNotes(user, 2, 0);

        Response refused = given().header("Origin", "https://app.example.com")
                .header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("query", NOTES_QUERY, "variables", Map.of("id", user, "first", 2)))
                .when().post("/graphql").then().extract().response();

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(upstream.totalCalls()).isZero();
        // the same key from a server (no Origin) runs
        assertThat(GraphQLClient.postAs(key, NOTES_QUERY, Map.of("id", user, "first", 2)).statusCode())
                .isEqualTo(200);
    }
}
