package com.xhsgraph.graphql;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.COMMENTS;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.REPLIES;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xhsgraph.demo.FakeJustOneApi;
import com.xhsgraph.demo.GeneratedWorld;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.UpstreamStub;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Replies cost calls only for what the comment pages did not already tell: over WireMock pages laid out from a world
 * whose threads follow real data (7 comments in 10 without replies, 2 with one to three, all previewed inline, 1 with
 * a long thread whose first reply is previewed), every call is counted.
 */
@QuarkusTest
@ConnectWireMock
class ReplyCostTest extends GraphTestBase {

    private static final String USER_ID = id("5c2f338a", 40);
    private static final String MIX_QUERY = """
            query($id: String!) { user(id: $id) { notes(first: 5) { nodes { xhsId comments(first: 10) { nodes {
              xhsId replyCount replies(first: 2) { totalCount pageInfo { hasNextPage } nodes { xhsId replyTo { xhsId } } }
            } } } } } }
            """;

    @Test
    void theNestedQueryOverARealMixPaysOnlyForLongThreads() {
        GeneratedWorld world = GeneratedWorld.withRealReplyMix(Fixtures.JSON, 10, 10);
        layOut(world, USER_ID, 5, 0);

        JsonPath body = GraphQLClient.post(MIX_QUERY, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        // 1 note page + 5 comment pages + 1 reply page for each of the 5 long threads, where a reply page for every
        // comment would make 56
        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS)).isEqualTo(5);
        assertThat(upstream.calls(REPLIES)).isEqualTo(5);
        assertThat(body.getInt("extensions.upstream.calls")).isEqualTo(11);
        for (int n = 0; n < 5; n++) {
            String note = body.getString("data.user.notes.nodes[" + n + "].xhsId");
            List<ObjectNode> comments = world.comments(note);
            for (int c = 0; c < 10; c++) {
                String path = "data.user.notes.nodes[" + n + "].comments.nodes[" + c + "]";
                List<String> expected = world.replies(note, comments.get(c).path("id").asText()).stream()
                        .limit(2).map(r -> r.path("id").asText()).toList();
                assertThat(body.getList(path + ".replies.nodes.xhsId")).as(path).isEqualTo(expected);
                int count = body.getInt(path + ".replyCount");
                assertThat(body.getInt(path + ".replies.totalCount")).isEqualTo(count);
                assertThat(body.getBoolean(path + ".replies.pageInfo.hasNextPage")).as(path).isEqualTo(count > 2);
            }
        }

        JsonPath dryRun = given().contentType(ContentType.JSON).header("X-Upstream-Dry-Run", "true")
                .body(Map.of("query", MIX_QUERY, "variables", Map.of("id", USER_ID)))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        // the gate charges the worst case: a reply page for every comment, and in LATEST order one more comment page
        // per note for the vendor's fallback (1 + 5 * 2 + 50)
        assertThat(dryRun.getInt("extensions.upstream.estimatedCalls")).isEqualTo(61);
    }

    @Test
    void aThreadWithoutRepliesCostsNothing() {
        GeneratedWorld world = new GeneratedWorld(Fixtures.JSON, 1, 3, i -> 0);
        layOut(world, USER_ID, 1, 0);

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 1) { nodes { comments(first: 3) { nodes {
                  replies(first: 5, maxAge: 0) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } }
                } } } } } }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        String replies = "data.user.notes.nodes[0].comments.nodes.replies";
        assertThat(body.getList(replies + ".totalCount")).containsExactly(0, 0, 0);
        assertThat(body.getList(replies + ".edges")).containsExactly(List.of(), List.of(), List.of());
        assertThat(body.getList(replies + ".pageInfo.hasNextPage")).containsExactly(false, false, false);
        assertThat(upstream.calls(REPLIES)).isZero();
    }

    @Test
    void aWindowInsideThePreviewCostsNothingThenAndLater() {
        GeneratedWorld world = new GeneratedWorld(Fixtures.JSON, 1, 1, i -> 3, replies -> replies);
        layOut(world, USER_ID, 1, 0);
        String query = """
                query($id: String!, $after: String) { user(id: $id) { notes(first: 1) { nodes { comments(first: 1) {
                  nodes { replies(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { xhsId } } }
                } } } } }
                """;
        String path = "data.user.notes.nodes[0].comments.nodes[0].replies";

        JsonPath first = GraphQLClient.post(query, Map.of("id", USER_ID)).jsonPath();
        assertThat(first.getList(path + ".nodes")).hasSize(2);
        assertThat(first.getBoolean(path + ".pageInfo.hasNextPage")).isTrue();
        int callsBefore = upstream.totalCalls();

        // the rest of the thread comes from the stored preview; the comment page itself from its fresh snapshot
        JsonPath rest = GraphQLClient.post(query,
                Map.of("id", USER_ID, "after", first.getString(path + ".pageInfo.endCursor"))).jsonPath();

        assertThat(rest.getList("errors")).isNull();
        assertThat(rest.getList(path + ".nodes")).hasSize(1);
        assertThat(rest.getBoolean(path + ".pageInfo.hasNextPage")).isFalse();
        assertThat(upstream.calls(REPLIES)).isZero();
        assertThat(upstream.totalCalls()).isEqualTo(callsBefore);
    }

    @Test
    void aWalkPastThePreviewContinuesWhereItEnds() {
        GeneratedWorld world = new GeneratedWorld(Fixtures.JSON, 1, 1, i -> 12, replies -> 1);
        layOut(world, USER_ID, 1, 0);

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 1) { nodes { xhsId comments(first: 1) { nodes {
                  xhsId replies(first: 7) { nodes { xhsId } pageInfo { hasNextPage } }
                } } } } } }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        String note = body.getString("data.user.notes.nodes[0].xhsId");
        String root = body.getString("data.user.notes.nodes[0].comments.nodes[0].xhsId");
        List<String> thread = world.replies(note, root).stream().map(r -> r.path("id").asText()).toList();
        assertThat(body.getList("data.user.notes.nodes[0].comments.nodes[0].replies.nodes.xhsId"))
                .isEqualTo(thread.subList(0, 7));
        // the preview's reply, then two pages of 5 from its cursor: the previewed reply is not paid for again
        assertThat(upstream.calls(REPLIES)).isEqualTo(2);
        assertThat(upstream.calls(REPLIES, "lastCursor", previewCursor(world, note, root))).isEqualTo(1);
    }

    @Test
    void aPreviewCursorTheUpstreamRefusesFallsBackToTheStart() {
        GeneratedWorld world = new GeneratedWorld(Fixtures.JSON, 1, 1, i -> 12, replies -> 1);
        layOut(world, USER_ID, 1, 0);
        String note = world.notes(USER_ID).get(0).path("id").asText();
        String root = world.comments(note).get(0).path("id").asText();
        upstream.replies(note, root, previewCursor(world, note, root),
                json(Fixtures.error(400, "Invalid parameters: lastCursor")));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 1) { nodes { comments(first: 1) { nodes {
                  replies(first: 3) { nodes { xhsId } }
                } } } } } }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        List<String> thread = world.replies(note, root).stream().map(r -> r.path("id").asText()).toList();
        assertThat(body.getList("data.user.notes.nodes[0].comments.nodes[0].replies.nodes.xhsId"))
                .as("no reply twice, none skipped").isEqualTo(thread.subList(0, 3));
        assertThat(upstream.calls(REPLIES, "lastCursor", previewCursor(world, note, root))).isEqualTo(1);
        assertThat(body.getInt("extensions.upstream.billed")).as("the refused call is not billed").isEqualTo(3);
    }

    @Test
    void anEmptyPreviewOfAThreadWithRepliesIsNotTrusted() {
        // live comment pages mostly preview nothing although sub_comment_count says there are replies
        GeneratedWorld world = new GeneratedWorld(Fixtures.JSON, 1, 1, i -> 4);
        layOut(world, USER_ID, 1, 0);

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 1) { nodes { comments(first: 1) { nodes {
                  replies(first: 2) { nodes { xhsId } pageInfo { hasNextPage } }
                } } } } } }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("data.user.notes.nodes[0].comments.nodes[0].replies.nodes")).hasSize(2);
        assertThat(body.getBoolean("data.user.notes.nodes[0].comments.nodes[0].replies.pageInfo.hasNextPage"))
                .isTrue();
        assertThat(upstream.calls(REPLIES)).isEqualTo(1);
    }

    @Test
    void identicalMaxAgeZeroQueriesSentAtOnceCostTheCallsOfOne() throws Exception {
        GeneratedWorld world = GeneratedWorld.withRealReplyMix(Fixtures.JSON, 10, 10);
        layOut(world, USER_ID, 2, 500);
        String query = """
                query($id: String!) { user(id: $id, maxAge: 0) { nickname notes(first: 2, maxAge: 0) { nodes {
                  comments(first: 10, maxAge: 0) { nodes { replies(first: 2, maxAge: 0) { nodes { xhsId } } } }
                } } } }
                """;
        // 1 profile + 1 note page + 2 comment pages + 1 reply page for each note's long thread
        int callsOfOne = 6;

        List<JsonPath> answers = sendAtOnce(20, query);

        assertThat(answers).allSatisfy(a -> assertThat(a.getList("errors")).isNull());
        assertThat(upstream.totalCalls()).isEqualTo(callsOfOne);
        assertThat(answers.stream().mapToInt(a -> a.getInt("extensions.upstream.calls")).sum())
                .as("each call is reported by the one query that made it").isEqualTo(callsOfOne);

        // maxAge 0 still means "answered after this query arrived": a query after the burst pays again
        GraphQLClient.post(query, Map.of("id", USER_ID));
        assertThat(upstream.totalCalls()).isEqualTo(2 * callsOfOne);
    }

    private static List<JsonPath> sendAtOnce(int queries, String query) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(queries);
        try {
            List<CompletableFuture<JsonPath>> sent = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                sent.add(CompletableFuture.supplyAsync(
                        () -> GraphQLClient.post(query, Map.of("id", USER_ID)).jsonPath(), pool));
            }
            List<JsonPath> answers = new ArrayList<>();
            for (CompletableFuture<JsonPath> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String previewCursor(GeneratedWorld world, String note, String root) {
        return world.comments(note).stream().filter(c -> root.equals(c.path("id").asText())).findFirst()
                .orElseThrow().path("sub_comment_cursor").asText();
    }

    /**
     * Stubs every page a walk of {@code world} may ask for: the creator's profile and first note page, the first
     * comment page of each of its first {@code notes} notes, and every reply page of their threads, from the start and
     * from where each preview ends; each answer comes {@code delayMillis} late.
     */
    private void layOut(GeneratedWorld world, String userId, int notes, int delayMillis) {
        FakeJustOneApi fake = new FakeJustOneApi(Fixtures.JSON, world);
        upstream.user(userId, json(answer(fake, Endpoint.Names.USER, Map.of("userId", userId)))
                .withFixedDelay(delayMillis));
        upstream.notes(userId, null, json(answer(fake, Endpoint.Names.NOTE_LIST, Map.of("userId", userId)))
                .withFixedDelay(delayMillis));
        for (ObjectNode note : world.notes(userId).subList(0, notes)) {
            String noteId = note.path("id").asText();
            upstream.comments(noteId, null, json(answer(fake, Endpoint.Names.COMMENTS, Map.of("noteId", noteId)))
                    .withFixedDelay(delayMillis));
            for (ObjectNode comment : world.comments(noteId)) {
                String commentId = comment.path("id").asText();
                String cursor = null;
                do {
                    cursor = stubReplyPage(fake, noteId, commentId, cursor, delayMillis);
                } while (cursor != null);
                cursor = comment.path("sub_comment_cursor").asText(null);
                while (cursor != null) {
                    cursor = stubReplyPage(fake, noteId, commentId, cursor, delayMillis);
                }
            }
        }
    }

    /** Stubs one reply page; the cursor of the next one, or null when it is the last. */
    private String stubReplyPage(FakeJustOneApi fake, String noteId, String commentId, String cursor,
            int delayMillis) {
        Map<String, String> params = cursor == null
                ? Map.of("noteId", noteId, "commentId", commentId)
                : Map.of("noteId", noteId, "commentId", commentId, "lastCursor", cursor);
        String body = answer(fake, Endpoint.Names.REPLIES, params);
        upstream.replies(noteId, commentId, cursor, json(body).withFixedDelay(delayMillis));
        JsonNode data = Fixtures.parse(body).path("data");
        return data.path("has_more").asBoolean() ? data.path("cursor").asText() : null;
    }

    private static String answer(FakeJustOneApi fake, String endpoint, Map<String, String> params) {
        FakeJustOneApi.Answer answer = fake.answer(endpoint,
                name -> "token".equals(name) ? UpstreamStub.TOKEN : params.get(name));
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
