package com.xhsgraph.it;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.COMMENTS;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.REPLIES;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.Management;
import com.xhsgraph.support.UpstreamStub;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Black-box tests of the packaged application (the jar, or the native executable with {@code -Dnative}): only HTTP
 * in, only HTTP out to WireMock standing in for Just One API. No bean is touched.
 */
@QuarkusIntegrationTest
@ConnectWireMock
class PackagedApplicationIT {

    WireMock wiremock;
    UpstreamStub upstream;

    @BeforeEach
    void resetUpstream() {
        upstream = new UpstreamStub(wiremock);
        upstream.reset();
    }

    @Test
    void aLazyQueryCostsNothingAndANestedOneOneCallPerPage() {
        String user = id("5c2f338a", 1001);
        String note = id("65bf5360", 1001);
        String comment = id("65bf56d3", 1001);
        upstream.notes(user, null, json(Fixtures.notePage(user, List.of(note), false, true)));
        upstream.comments(note, null, json(Fixtures.commentPage(note, List.of(comment), false, "", 1, 2)));
        upstream.replies(note, comment, null,
                json(Fixtures.replyPage(note, comment, List.of(id("65bf6392", 1001), id("65bf6392", 1002)), false,
                        "")));

        JsonPath lazy = GraphQLClient
                .postAs(GraphQLClient.ADMIN_KEY, "query($id: String!) { user(id: $id) { id xhsId } }",
                        Map.of("id", user))
                .jsonPath();
        assertThat(lazy.getString("data.user.xhsId")).isEqualTo(user);
        assertThat(upstream.totalCalls()).isZero();

        JsonPath nested = GraphQLClient.postAs(GraphQLClient.ADMIN_KEY, """
                query($id: String!) {
                  user(id: $id) { notes(first: 1, maxAge: 0) { nodes { title comments(first: 1, maxAge: 0) {
                    nodes { content replies(first: 2, maxAge: 0) { nodes { content replyTo { xhsId } } } } } } } }
                }
                """, Map.of("id", user)).jsonPath();
        assertThat(nested.getList("errors")).isNull();
        assertThat(nested.getList("data.user.notes.nodes[0].comments.nodes[0].replies.nodes")).hasSize(2);
        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS)).isEqualTo(1);
        assertThat(upstream.calls(REPLIES)).isEqualTo(1);
        assertThat(nested.getInt("extensions.upstream.calls")).isEqualTo(3);
    }

    @Test
    void upstreamFailuresHaveStableCodesAndNoSecrets() {
        String user = id("5c2f338a", 1002);
        upstream.user(user, json(Fixtures.error(601, "balance")));

        JsonPath body = GraphQLClient
                .postAs(GraphQLClient.ADMIN_KEY, "query($id: String!) { user(id: $id, maxAge: 0) { nickname } }",
                        Map.of("id", user))
                .jsonPath();

        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_BALANCE_EXHAUSTED");
        assertThat(body.prettify()).doesNotContain(UpstreamStub.TOKEN).doesNotContain("Exception");
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }

    @Test
    void budgetsAndDryRuns() {
        JsonPath dryRun = given().contentType(ContentType.JSON).header("X-Upstream-Dry-Run", "true")
                .header("Authorization", "Bearer " + GraphQLClient.ADMIN_KEY)
                .body(Map.of("query", "{ user(id: \"%s\") { notes(first: 20) { nodes { title } } } }"
                        .formatted(id("5c2f338a", 1003))))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(dryRun.getInt("extensions.upstream.estimatedCalls")).isEqualTo(2);
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void withoutAValidKeyNothingRunsAndNothingIsSpent() {
        String user = id("5c2f338a", 1004);
        upstream.user(user, json(Fixtures.profile(user, 1)));
        String query = "query($id: String!) { user(id: $id, maxAge: 0) { nickname } }";

        Response none = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables",
                Map.of("id", user))).when().post("/graphql").then().extract().response();
        Response forged = GraphQLClient.postAs("xhs_not-a-key-of-this-service-0000000000000", query,
                Map.of("id", user));

        for (Response refused : List.of(none, forged)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        }
        given().when().get("/graphql/schema.graphql").then().statusCode(401);
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void healthAndMetricsLiveOnTheManagementPortAndGraphiqlIsServed() {
        int management = Management.port();
        given().port(management).when().get("/q/health/started").then().statusCode(200);
        given().port(management).when().get("/q/health/live").then().statusCode(200);
        String ready = given().port(management).when().get("/q/health/ready").then().statusCode(200).extract()
                .asString();
        assertThat(ready).contains("UP").doesNotContain("justoneapi");
        given().port(management).when().get("/q/metrics").then().statusCode(200);
        // not beside /graphql
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(404);
        given().redirects().follow(false).when().get("/q/graphql-ui").then().statusCode(302);
        given().when().get("/q/graphql-ui/?query=%7B%7D").then().statusCode(200);
        given().header("Authorization", "Bearer " + GraphQLClient.ADMIN_KEY).when().get("/graphql/schema.graphql")
                .then().statusCode(200);
    }
}
