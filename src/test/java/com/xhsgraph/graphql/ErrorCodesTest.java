package com.xhsgraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.COMMENTS;
import static com.xhsgraph.support.UpstreamStub.TOKEN;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.xhsgraph.graphql.type.NodeIds;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every error a client can see has a stable {@code extensions.code}; none carries the token, an upstream body, a
 * stack trace or a class name, and none reaches a log line with the token.
 */
@QuarkusTest
@ConnectWireMock
class ErrorCodesTest extends GraphTestBase {

    private static final String USER_ID = id("5c2f338a", 31);
    private static final String UPSTREAM_SECRET = "upstream-internal-detail-7c1";
    private static final String PROFILE = """
            query($id: String!) { user(id: $id) { nickname } }
            """;

    private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            logLines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void noTokenInLogs() {
        Logger.getLogger("").removeHandler(capture);
        assertThat(logLines).noneMatch(line -> line.contains(TOKEN));
    }

    /** Retryable failures are tried three times (the test profile's quick backoff); the others once. */
    @ParameterizedTest(name = "upstream code {0} (HTTP {1}) -> {2} after {3} calls")
    @CsvSource({
            "100, 401, UPSTREAM_AUTH, 1",
            "600, 403, UPSTREAM_AUTH, 1",
            "302, 429, UPSTREAM_RATE_LIMITED, 3",
            "303, 429, UPSTREAM_QUOTA_EXCEEDED, 1",
            "601, 200, UPSTREAM_BALANCE_EXHAUSTED, 1",
            "400, 400, UPSTREAM_REJECTED, 1",
            "301, 200, UPSTREAM_UNAVAILABLE, 3",
            "500, 500, UPSTREAM_UNAVAILABLE, 3",
            "201, 200, NOT_FOUND, 1"})
    void upstreamBusinessCodesMapToStableErrorCodes(int code, int status, String expected, int calls) {
        upstream.user(USER_ID, aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.error(code, UPSTREAM_SECRET)));

        Response response = GraphQLClient.post(PROFILE, Map.of("id", USER_ID));

        assertError(response, expected, List.of("user", "nickname"));
        assertThat(upstream.calls(USER)).isEqualTo(calls);
    }

    @Test
    void aBodyThatIsNotJsonIsUnavailable() {
        upstream.user(USER_ID, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html>" + UPSTREAM_SECRET + "</html>"));

        assertError(GraphQLClient.post(PROFILE, Map.of("id", USER_ID)), "UPSTREAM_UNAVAILABLE",
                List.of("user", "nickname"));
    }

    @Test
    void aStringCodeIsNotSuccess() {
        upstream.user(USER_ID, json("{\"code\":\"0\",\"data\":{\"nickname\":\"" + UPSTREAM_SECRET + "\"}}"));

        assertError(GraphQLClient.post(PROFILE, Map.of("id", USER_ID)), "UPSTREAM_UNAVAILABLE",
                List.of("user", "nickname"));
    }

    @Test
    void aTimeoutIsUnavailable() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 1)).withFixedDelay(3_500));

        Response response = GraphQLClient.post(PROFILE, Map.of("id", USER_ID));

        assertError(response, "UPSTREAM_UNAVAILABLE", List.of("user", "nickname"));
        assertThat(response.jsonPath().getString("errors[0].message")).contains("did not answer");
    }

    @Test
    void aMissingNoteIsNotFound() {
        String noteId = id("65bf5360", 31);
        upstream.detail(noteId, json(Fixtures.ok(Fixtures.JSON.createArrayNode())));

        assertError(GraphQLClient.post("""
                query($id: String!) { note(id: $id) { title } }
                """, Map.of("id", noteId)), "NOT_FOUND", List.of("note", "title"));
    }

    @Test
    void aWellFormedCommentIdNotStoredIsNull() {
        String id = NodeIds.comment(id("65bf5360", 32), id("65bf56d3", 32), null);

        JsonPath body = GraphQLClient.post("""
                query($id: ID!) { node(id: $id) { id } }
                """, Map.of("id", id)).jsonPath();
        assertThat(body.getList("errors")).isNull();
        assertThat(body.getString("data.node")).isNull();
        assertThat(upstream.totalCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-id", "5c2f338a00000000000000", "https://xhslink.com/",
            "https://example.com/user/profile/5c2f338a000000000701e1c6", ""})
    void badIdsAreInvalidAndCostNothing(String badId) {
        assertError(GraphQLClient.post("""
                query($id: String!) { user(id: $id) { nickname notes { nodes { title } } } }
                """, Map.of("id", badId)), "INVALID_ARGUMENT", List.of("user"));
        assertThat(upstream.totalCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, 100000})
    void firstOutOfRangeIsInvalidAndCostsNothing(int first) {
        Response response = GraphQLClient.post("""
                query($id: String!, $first: Int) { user(id: $id) { notes(first: $first) { nodes { title } } } }
                """, Map.of("id", USER_ID, "first", first));

        assertError(response, "INVALID_ARGUMENT", List.of("user", "notes"));
        assertThat(response.jsonPath().getString("errors[0].message")).contains("between 0 and 100");
        assertThat(upstream.totalCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "eyJ2IjoxfQ", "bm90IGpzb24", "%%%"})
    void malformedCursorsAreInvalidAndCostNothing(String cursor) {
        assertError(GraphQLClient.post("""
                query($id: String!, $after: String) { user(id: $id) { notes(after: $after) { nodes { title } } } }
                """, Map.of("id", USER_ID, "after", cursor)), "INVALID_ARGUMENT", List.of("user", "notes"));
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void aCursorOfAnotherListIsInvalid() {
        String otherUser = id("5c2f338a", 32);
        upstream.notes(otherUser, null, json(Fixtures.notePage(otherUser, List.of(id("6a7e9ff6", 1)), true, true)));
        String cursor = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 1) { pageInfo { endCursor } } } }
                """, Map.of("id", otherUser)).jsonPath().getString("data.user.notes.pageInfo.endCursor");
        upstream.reset();

        assertError(GraphQLClient.post("""
                query($id: String!, $after: String) { user(id: $id) { notes(after: $after) { nodes { title } } } }
                """, Map.of("id", USER_ID, "after", cursor)), "INVALID_ARGUMENT", List.of("user", "notes"));
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void forgedAndAlteredCursorsAreInvalidAndCostNothing() {
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, List.of(id("6a7e9ff6", 1)), true, true)));
        String cursor = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 1) { pageInfo { endCursor } } } }
                """, Map.of("id", USER_ID)).jsonPath().getString("data.user.notes.pageInfo.endCursor");
        upstream.reset();
        int dot = cursor.indexOf('.');
        assertThat(dot).as("a signed cursor: payload.signature").isPositive();
        String payload = new String(java.util.Base64.getUrlDecoder().decode(cursor.substring(0, dot)),
                java.nio.charset.StandardCharsets.UTF_8);
        String tag = cursor.substring(dot + 1);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String otherPage = b64.encodeToString(payload.replaceFirst("\"o\":\\d+", "\"o\":7").getBytes()) + "." + tag;
        String unsigned = b64.encodeToString(payload.getBytes());
        String resigned = unsigned + "." + b64.encodeToString(new byte[16]);
        for (String forged : List.of(otherPage, unsigned, resigned, cursor + "x",
                cursor.substring(0, cursor.length() - 1),
                "x" + cursor)) {
            assertError(GraphQLClient.post("""
                    query($id: String!, $after: String) { user(id: $id) { notes(after: $after) { nodes { title } } } }
                    """, Map.of("id", USER_ID, "after", forged)), "INVALID_ARGUMENT", List.of("user", "notes"));
        }
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void aBadGlobalIdIsInvalid() {
        assertError(GraphQLClient.post("""
                query { node(id: "VXNlcjpub3QtaGV4") { id } }
                """), "INVALID_ARGUMENT", List.of("node"));
    }

    @Test
    void aFailingNestedConnectionDoesNotBlankItsSiblings() {
        String good = id("65bf5360", 41);
        String bad = id("65bf5360", 42);
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, List.of(good, bad), false, true)));
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 7)));
        upstream.comments(good, null,
                json(Fixtures.commentPage(good, List.of(id("65bf56d3", 41)), false, "", 1, 0)));
        upstream.comments(bad, null, json(Fixtures.error(302, UPSTREAM_SECRET)));

        Response response = GraphQLClient.post("""
                query($id: String!) {
                  user(id: $id) {
                    followerCount
                    notes(first: 2) { edges { node { xhsId title comments(first: 1) { nodes { content } } } } }
                  }
                }
                """, Map.of("id", USER_ID));
        JsonPath body = response.jsonPath();

        assertThat(body.getInt("data.user.followerCount")).isEqualTo(7);
        assertThat(body.getString("data.user.notes.edges[0].node.xhsId")).isEqualTo(good);
        assertThat(body.getList("data.user.notes.edges[0].node.comments.nodes.content"))
                .containsExactly("comment " + id("65bf56d3", 41));
        // the failing connection is null; its note keeps what the listing told of it
        assertThat(body.getString("data.user.notes.edges[1].node.title")).isEqualTo("note " + bad);
        assertThat(body.getString("data.user.notes.edges[1].node.comments")).isNull();
        assertThat(body.getList("errors")).hasSize(1);
        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_RATE_LIMITED");
        assertThat(body.<Object>getList("errors[0].path"))
                .containsExactly("user", "notes", "edges", 1, "node", "comments");
        // the rate-limited page was retried before giving up
        assertThat(upstream.calls(COMMENTS)).isEqualTo(4);
        assertClean(response);
    }

    private void assertError(Response response, String code, List<Object> path) {
        JsonPath body = response.jsonPath();
        assertThat(body.getString("errors[0].extensions.code")).as(response.asString()).isEqualTo(code);
        assertThat(body.<Object>getList("errors[0].path")).isEqualTo(path);
        assertThat(body.getString("errors[0].message")).isNotBlank();
        assertClean(response);
    }

    private static void assertClean(Response response) {
        String text = response.asString();
        assertThat(text).doesNotContain(TOKEN).doesNotContain(UPSTREAM_SECRET).doesNotContain("Exception")
                .doesNotContain("com.xhsgraph").doesNotContain("\tat ");
    }
}
