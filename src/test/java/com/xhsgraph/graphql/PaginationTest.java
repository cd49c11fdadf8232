package com.xhsgraph.graphql;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.COMMENTS;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.REPLIES;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.xhsgraph.graphql.type.NodeIds;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Relay connections over upstream pages: pages of any size cut upstream pages anywhere, and walking a whole list
 * returns every item once, in order.
 */
@QuarkusTest
@ConnectWireMock
class PaginationTest extends GraphTestBase {

    private static final String USER_ID = id("5c2f338a", 7);
    private static final String NOTE_ID = id("65bf5360", 7);
    private static final String ROOT_ID = id("65bf56d3", 7);

    /** 10 + 10 + 4 notes over three upstream pages; the first page has no data.cursor (older responses). */
    private List<String> stubTwentyFourNotes() {
        List<String> ids = IntStream.range(0, 24).mapToObj(i -> id("6a7e9ff6", 100 + i)).toList();
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, ids.subList(0, 10), true, false)));
        upstream.notes(USER_ID, ids.get(9), json(Fixtures.notePage(USER_ID, ids.subList(10, 20), true, true)));
        upstream.notes(USER_ID, ids.get(19), json(Fixtures.notePage(USER_ID, ids.subList(20, 24), false, true)));
        return ids;
    }

    @Test
    void walkingAllNotesThreeAtATimeReturnsEachOnceInOrder() {
        List<String> ids = stubTwentyFourNotes();
        List<String> seen = new ArrayList<>();
        String after = null;
        int requests = 0;
        boolean hasNext = true;
        while (hasNext) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", USER_ID);
            variables.put("after", after);
            JsonPath page = GraphQLClient.post("""
                    query($id: String!, $after: String) {
                      user(id: $id) {
                        notes(first: 3, after: $after) {
                          edges { cursor node { xhsId } }
                          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                        }
                      }
                    }
                    """, variables).jsonPath();
            assertThat(page.getList("errors")).isNull();
            List<String> pageIds = page.getList("data.user.notes.edges.node.xhsId");
            seen.addAll(pageIds);
            assertThat(page.getBoolean("data.user.notes.pageInfo.hasPreviousPage")).isEqualTo(after != null);
            assertThat(page.getString("data.user.notes.pageInfo.endCursor"))
                    .isEqualTo(page.getString("data.user.notes.edges[-1].cursor"));
            hasNext = page.getBoolean("data.user.notes.pageInfo.hasNextPage");
            after = page.getString("data.user.notes.pageInfo.endCursor");
            assertThat(++requests).isLessThanOrEqualTo(10);
        }
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(requests).isEqualTo(8);
    }

    @Test
    void firstLargerThanAnUpstreamPageFetchesConsecutivePages() {
        List<String> ids = stubTwentyFourNotes();
        JsonPath body = GraphQLClient.post("""
                query($id: String!) {
                  user(id: $id) { notes(first: 25) { nodes { xhsId } pageInfo { hasNextPage } } }
                }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("data.user.notes.nodes.xhsId")).containsExactlyElementsOf(ids);
        assertThat(body.getBoolean("data.user.notes.pageInfo.hasNextPage")).isFalse();
        assertThat(upstream.calls(NOTES)).isEqualTo(3);
    }

    @Test
    void aPageEndingOnAnUpstreamPageBoundaryResumesWithTheNextUpstreamPageOnly() {
        List<String> ids = stubTwentyFourNotes();
        JsonPath first = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 10) { pageInfo { endCursor hasNextPage } } } }
                """, Map.of("id", USER_ID)).jsonPath();
        assertThat(first.getBoolean("data.user.notes.pageInfo.hasNextPage")).isTrue();
        upstream.reset();
        upstream.notes(USER_ID, ids.get(9), json(Fixtures.notePage(USER_ID, ids.subList(10, 20), true, true)));

        JsonPath second = GraphQLClient.post("""
                query($id: String!, $after: String) {
                  user(id: $id) { notes(first: 2, after: $after) { nodes { xhsId } } }
                }
                """, Map.of("id", USER_ID, "after", first.getString("data.user.notes.pageInfo.endCursor")))
                .jsonPath();

        assertThat(second.getList("data.user.notes.nodes.xhsId")).containsExactly(ids.get(10), ids.get(11));
        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        assertThat(upstream.calls(NOTES, "lastCursor", ids.get(9))).isEqualTo(1);
    }

    @Test
    void aliasedConnectionsWithDifferentArgumentsEachGetTheirOwnPage() {
        List<String> ids = stubTwentyFourNotes();
        JsonPath body = GraphQLClient.post("""
                query($id: String!) {
                  user(id: $id) {
                    two: notes(first: 2) { nodes { xhsId } }
                    five: notes(first: 5) { nodes { xhsId } }
                  }
                }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("data.user.two.nodes.xhsId")).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(body.getList("data.user.five.nodes.xhsId")).containsExactlyElementsOf(ids.subList(0, 5));
        assertThat(upstream.calls(NOTES)).isEqualTo(1);
    }

    @Test
    void commentsAndRepliesPassUpstreamCursorsBackVerbatim() {
        String cursor1 = "{\"contextId\":\"27f7e149a86847ffb4fb630b05aa841e\",\"cursor\":\"" + id("65c19952", 9)
                + "\",\"index\":2,\"pageArea\":\"ALL\"}";
        List<String> comments = IntStream.range(0, 13).mapToObj(i -> id("65c19952", i)).toList();
        upstream.comments(NOTE_ID, null,
                json(Fixtures.commentPage(NOTE_ID, comments.subList(0, 10), true, cursor1, 13, 0)));
        upstream.comments(NOTE_ID, cursor1,
                json(Fixtures.commentPage(NOTE_ID, comments.subList(10, 13), false, "", 13, 0)));
        String replyCursor = "{\"cursor\":\"" + id("65bf662f", 4) + "\",\"index\":2}";
        List<String> replies = IntStream.range(0, 7).mapToObj(i -> id("65bf662f", i)).toList();
        upstream.replies(NOTE_ID, ROOT_ID, null,
                json(Fixtures.replyPage(NOTE_ID, ROOT_ID, replies.subList(0, 5), true, replyCursor)));
        upstream.replies(NOTE_ID, ROOT_ID, replyCursor,
                json(Fixtures.replyPage(NOTE_ID, ROOT_ID, replies.subList(5, 7), false, "")));

        List<String> seenComments = walk("""
                query($id: String!, $after: String) {
                  note(id: $id) { comments(first: 4, after: $after) {
                    totalCount nodes { xhsId } pageInfo { hasNextPage endCursor } } }
                }
                """, NOTE_ID, "data.note.comments");
        assertThat(seenComments).containsExactlyElementsOf(comments);

        upstream.reset();
        upstream.replies(NOTE_ID, ROOT_ID, null,
                json(Fixtures.replyPage(NOTE_ID, ROOT_ID, replies.subList(0, 5), true, replyCursor)));
        upstream.replies(NOTE_ID, ROOT_ID, replyCursor,
                json(Fixtures.replyPage(NOTE_ID, ROOT_ID, replies.subList(5, 7), false, "")));
        String commentGlobalId = NodeIds.comment(NOTE_ID, ROOT_ID, null);
        db.execute("INSERT INTO xhs_comment (xhs_id, note_id, content, first_seen_at, updated_at) VALUES ('" + ROOT_ID
                + "', '" + NOTE_ID + "', 'root', now(), now())");
        JsonPath byNode = GraphQLClient.post("""
                query($id: ID!) {
                  node(id: $id) { ... on Comment { content replies(first: 7) {
                    nodes { xhsId replyTo { xhsId } } pageInfo { hasNextPage } } } }
                }
                """, Map.of("id", commentGlobalId)).jsonPath();
        assertThat(byNode.getList("errors")).isNull();
        assertThat(byNode.getString("data.node.content")).isEqualTo("root");
        assertThat(byNode.getList("data.node.replies.nodes.xhsId")).containsExactlyElementsOf(replies);
        assertThat(byNode.getString("data.node.replies.nodes[0].replyTo.xhsId")).isEqualTo(ROOT_ID);
        assertThat(byNode.getString("data.node.replies.nodes[3].replyTo.xhsId")).isEqualTo(replies.get(2));
        assertThat(byNode.getBoolean("data.node.replies.pageInfo.hasNextPage")).isFalse();
        assertThat(upstream.calls(REPLIES)).isEqualTo(2);
        assertThat(upstream.calls(REPLIES, "lastCursor", replyCursor)).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS)).isZero();
    }

    private List<String> walk(String query, String id, String connectionPath) {
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 20; i++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", id);
            variables.put("after", after);
            JsonPath page = GraphQLClient.post(query, variables).jsonPath();
            assertThat(page.getList("errors")).isNull();
            seen.addAll(page.getList(connectionPath + ".nodes.xhsId"));
            if (!page.getBoolean(connectionPath + ".pageInfo.hasNextPage")) {
                return seen;
            }
            after = page.getString(connectionPath + ".pageInfo.endCursor");
        }
        throw new AssertionError("the walk did not end");
    }
}
