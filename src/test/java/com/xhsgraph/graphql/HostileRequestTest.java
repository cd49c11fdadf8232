package com.xhsgraph.graphql;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Requests as a hostile or careless client sends them: every one is answered with a 4xx and a JSON error body, never
 * a 5xx, and none of them executes anything or calls the upstream.
 */
@QuarkusTest
@ConnectWireMock
class HostileRequestTest extends GraphTestBase {

    private static final String USER_ID = id("5c2f338a", 60);
    private static final String QUERY = "{ user(id: \"" + USER_ID + "\") { nickname } }";

    @BeforeEach
    void anUpstreamThatWouldAnswer() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 10)));
    }

    private static Response post(String contentType, byte[] body) {
        var request = given().header("Accept", "application/json").body(body);
        if (contentType != null) {
            request = request.contentType(contentType);
        }
        return request.when().post("/graphql");
    }

    private static Response postJson(String body) {
        return post("application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private void refused(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/");
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).as(response.asString())
                .isEqualTo(code);
        assertThat(response.jsonPath().getString("errors[0].message")).isNotBlank();
        assertThat(upstream.totalCalls()).as("nothing may be spent").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"query\"", "42", "null", "true", "{", "{\"query\": \"{ __typename }\"} trailing",
            "{\"query\": 42}", "{\"query\": {\"a\": 1}}", "{\"query\": [\"{ __typename }\"]}", "{\"query\": \"\"}",
            "{\"query\": \"{ __typename }\", \"variables\": \"{}\"}",
            "{\"query\": \"{ __typename }\", \"variables\": []}",
            "{\"query\": \"{ __typename }\", \"operationName\": 7}",
            "{\"query\": \"{ __typename }\", \"operationName\": {}}",
            "{\"query\": \"{ __typename }\", \"extensions\": \"x\"}",
            "{\"query\": \"{ __typename }\", \"extensions\": [1]}",
            "{\"query\": \"{ __typename }\", \"query\": \"{ __typename }\"}", "{}", "   "})
    void malformedBodiesAreBadRequests(String body) {
        refused(postJson(body), 400, "BAD_REQUEST");
    }

    @Test
    void jsonNestedTooDeeplyOrNumbersTooLongAreBadRequests() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        refused(postJson("{\"query\": \"" + QUERY.replace("\"", "\\\"") + "\", \"variables\": {\"a\": " + deep + "}}"),
                400, "BAD_REQUEST");
        refused(postJson("{\"query\": \"" + QUERY.replace("\"", "\\\"") + "\", \"variables\": {\"a\": "
                + "9".repeat(5000) + "}}"), 400, "BAD_REQUEST");
    }

    private static Response postQuery(String query) {
        return given().contentType("application/json").body(Map.of("query", query)).when().post("/graphql");
    }

    /** Answered with data and no errors. */
    private static void ran(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("errors")).isNull();
    }

    /** A document nesting {@code depth} fields deep (the root field is 1), through the free introspection types. */
    private static String nesting(int depth) {
        StringBuilder query = new StringBuilder("{ __schema { types { fields { type {");
        for (int level = 5; level < depth; level++) {
            query.append(" ofType {");
        }
        query.append(" name");
        query.append(" }".repeat(depth - 1));
        return query.append(" }").toString();
    }

    /** A document selecting {@code fields} fields, each under an alias of its own, from a user that costs a call. */
    private static String selecting(int fields) {
        StringBuilder query = new StringBuilder("{ user(id: \"" + USER_ID + "\") {");
        for (int i = 1; i < fields; i++) {
            query.append(" f").append(i).append(": nickname");
        }
        return query.append(" } }").toString();
    }

    @Test
    void documentsNestingDeeperThanTheLimitAreRefusedBeforeAnythingRuns() {
        Response deepest = postQuery(nesting(16));
        ran(deepest);
        assertThat(deepest.jsonPath().getList("data.__schema.types")).isNotEmpty();

        Response tooDeep = postQuery(nesting(17));
        refused(tooDeep, 400, "BAD_REQUEST");
        assertThat(tooDeep.jsonPath().getString("errors[0].message")).contains("16 fields deep");
        assertThat(tooDeep.jsonPath().getString("data")).isNull();

        // deep through the paid graph too: refused before the gate reserves or the resolvers call anything
        String paid = "{ user(id: \"" + USER_ID + "\") { notes { nodes { comments { nodes { replies { nodes {"
                + " note { author { notes { nodes { comments { nodes { replyTo { note { author { nickname"
                + " } } } } } } } } } } } } } } } } }";
        refused(postQuery(paid), 400, "BAD_REQUEST");
        refused(given().contentType("application/json").header("X-Upstream-Dry-Run", "true")
                .body(Map.of("query", paid)).when().post("/graphql"), 400, "BAD_REQUEST");
    }

    @Test
    void documentsSelectingMoreFieldsThanTheLimitAreRefusedBeforeAnythingRuns() {
        // the user field and 1,999 aliases of its nickname: 2,000 fields, the limit
        Response most = postQuery(selecting(2000));
        ran(most);
        assertThat(most.jsonPath().getString("data.user.f1999")).isNotBlank();
        assertThat(upstream.totalCalls()).isEqualTo(1);
        upstream.reset();
        anUpstreamThatWouldAnswer();

        Response tooMany = postQuery(selecting(2001));
        refused(tooMany, 400, "BAD_REQUEST");
        assertThat(tooMany.jsonPath().getString("errors[0].message")).contains("2000 fields");

        // fragments count as what they expand to: 3 spreads of 700 fields select 2,100 distinct fields
        StringBuilder fragments = new StringBuilder("{ user(id: \"" + USER_ID + "\") { ...A ...B ...C } }");
        for (String name : List.of("A", "B", "C")) {
            fragments.append(" fragment ").append(name).append(" on User {");
            for (int i = 0; i < 700; i++) {
                fragments.append(' ').append(name).append(i).append(": nickname");
            }
            fragments.append(" }");
        }
        refused(postQuery(fragments.toString()), 400, "BAD_REQUEST");
    }

    @Test
    void theFullIntrospectionQueryFitsTheLimits() {
        Response introspection = postQuery(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY);
        ran(introspection);
        assertThat(introspection.jsonPath().getList("data.__schema.types")).isNotEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnread() {
        String padding = " ".repeat(300_000);
        refused(postJson("{\"query\": \"" + QUERY.replace("\"", "\\\"") + "\"" + padding + "}"), 413,
                "BAD_REQUEST");
    }

    @Test
    void bodiesThatAreNotUtf8OrNotJsonAreRefused() {
        byte[] latin1 = ("{\"query\": \"{ user(id: \\\"caf\u00e9\\\") { nickname } }\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        refused(post("application/json", latin1), 400, "BAD_REQUEST");
        refused(post("application/json; charset=ISO-8859-1", latin1), 415, "BAD_REQUEST");
        refused(post("text/plain", QUERY.getBytes(StandardCharsets.UTF_8)), 415, "BAD_REQUEST");
        refused(given().header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                .body("query=" + QUERY).when().post("/graphql"), 415, "BAD_REQUEST");
        refused(post("multipart/form-data; boundary=x",
                ("--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n" + QUERY + "\r\n--x--\r\n")
                        .getBytes(StandardCharsets.UTF_8)),
                415, "BAD_REQUEST");
        refused(given().header("Accept", "application/json").body(QUERY.getBytes(StandardCharsets.UTF_8))
                .when().post("/graphql"), 415, "BAD_REQUEST");
    }

    @Test
    void aContentTypeRepeatedAsBrowsersMergeItRunsAndTwoDifferentOnesDoNot() {
        byte[] body = ("{\"query\": \"" + QUERY.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        Response merged = given().config(io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(
                        false)))
                .header("Content-Type", "application/json, application/json").body(body).when().post("/graphql");
        assertThat(merged.statusCode()).as(merged.asString()).isEqualTo(200);
        upstream.reset();
        refused(given().header("Accept", "application/json").header("Content-Type", "application/json, text/plain")
                .body(body).when().post("/graphql"), 415, "BAD_REQUEST");
    }

    @Test
    void aUtf8BodyWithItsCharsetRuns() {
        Response response = post("application/json; charset=UTF-8",
                ("{\"query\": \"" + QUERY.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("data.user.nickname")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ user(id: \"x\") { nickname ", "{ nosuchField }", "{ user { nickname } }",
            "query A { __typename } query A { __typename }", "query A { __typename } query B { __typename }",
            "{ ...F } fragment F on Query { ...G } fragment G on Query { ...F }",
            "query($id: String!) { user(id: $id) { nickname } }",
            "query($id: Int) { user(id: $id) { nickname } }", "subscription { nothing }",
            "{ user(id: \"5c2f338a000000000000003c\") { notes(first: 4294967297) { nodes { xhsId } } } }",
            "{ user(id: \"5c2f338a000000000000003c\") { notes(first: -99999999999) { nodes { xhsId } } } }"})
    void documentsThatDoNotValidateNeverRunNotEvenAsDryRuns(String query) {
        for (String dryRun : List.of("false", "true")) {
            Response legacy = given().contentType("application/json").header("Accept", "application/json")
                    .header("X-Upstream-Dry-Run", dryRun).body(Map.of("query", query)).when().post("/graphql");
            assertThat(legacy.statusCode()).as(legacy.asString()).isEqualTo(200);
            assertThat(legacy.jsonPath().getString("errors[0].extensions.code")).isEqualTo("INVALID_QUERY");
            assertThat(legacy.jsonPath().getMap("")).doesNotContainKey("data");

            Response spec = given().contentType("application/json")
                    .header("Accept", "application/graphql-response+json").header("X-Upstream-Dry-Run", dryRun)
                    .body(Map.of("query", query)).when().post("/graphql");
            assertThat(spec.statusCode()).as(spec.asString()).isEqualTo(400);
            assertThat(spec.contentType()).startsWith("application/graphql-response+json");
            assertThat(spec.jsonPath().getString("errors[0].extensions.code")).isEqualTo("INVALID_QUERY");
        }
        assertThat(upstream.totalCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "1e308", "3000000000", "-3000000000", "[1]", "\"3\"", "true", "{}"})
    void anIntVariableThatIsNoIntIsRefusedBeforeItIsEstimated(String value) {
        String body = "{\"query\": \"query($f: Int) { user(id: \\\"" + USER_ID
                + "\\\") { notes(first: $f) { nodes { xhsId } } } }\", \"variables\": {\"f\": " + value + "}}";
        for (String dryRun : List.of("true", "false")) {
            Response response = given().contentType("application/json").header("Accept", "application/json")
                    .header("X-Upstream-Dry-Run", dryRun).body(body.getBytes(StandardCharsets.UTF_8)).when()
                    .post("/graphql");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).as(response.asString())
                    .isEqualTo("INVALID_QUERY");
        }
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void theOperationIsChosenAsExecutionChoosesItAndAnUnknownOneIsRefused() {
        String document = "query Cheap { __typename } query Dear { user(id: \"" + USER_ID + "\") { nickname } }";
        Response unknown = given().contentType("application/json").header("Accept", "application/json")
                .body(Map.of("query", document, "operationName", "Other")).when().post("/graphql");
        assertThat(unknown.jsonPath().getString("errors[0].extensions.code")).isEqualTo("INVALID_QUERY");
        Response none = given().contentType("application/json").header("Accept", "application/json")
                .body(Map.of("query", document)).when().post("/graphql");
        assertThat(none.jsonPath().getString("errors[0].extensions.code")).isEqualTo("INVALID_QUERY");
        assertThat(upstream.totalCalls()).isZero();

        Response dear = given().contentType("application/json").header("X-Upstream-Dry-Run", "true")
                .body(Map.of("query", document, "operationName", "Dear")).when().post("/graphql");
        assertThat(dear.jsonPath().getInt("extensions.upstream.estimatedCalls")).isEqualTo(1);
        Response cheap = given().contentType("application/json").header("X-Upstream-Dry-Run", "true")
                .body(Map.of("query", document, "operationName", "Cheap")).when().post("/graphql");
        assertThat(cheap.jsonPath().getInt("extensions.upstream.estimatedCalls")).isZero();
        assertThat(upstream.totalCalls()).as("dry runs").isZero();

        Response ran = given().contentType("application/json")
                .body(Map.of("query", document, "operationName", "Dear")).when().post("/graphql");
        assertThat(ran.jsonPath().getString("data.user.nickname")).isNotBlank();
        assertThat(upstream.totalCalls()).isEqualTo(1);
    }

    @Test
    void getServesQueriesNeverMutations() {
        Response query = given().queryParam("query", QUERY).when().get("/graphql");
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(query.jsonPath().getString("data.user.nickname")).isNotBlank();
        assertThat(upstream.totalCalls()).isEqualTo(1);

        Response mutation = given().queryParam("query", "mutation { revokeClient(name: \"x\") { __typename } }").when()
                .get("/graphql");
        assertThat(mutation.statusCode()).isEqualTo(405);
        assertThat(mutation.header("allow")).isEqualTo("POST");
        Response twice = given().queryParam("query", QUERY).queryParam("query", QUERY).when().get("/graphql");
        assertThat(twice.statusCode()).isEqualTo(400);
        Response badVariables = given().queryParam("query", QUERY).queryParam("variables", "[1]").when()
                .get("/graphql");
        assertThat(badVariables.statusCode()).isEqualTo(400);
        assertThat(upstream.totalCalls()).isEqualTo(1);
    }
}
