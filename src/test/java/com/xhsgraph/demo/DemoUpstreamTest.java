package com.xhsgraph.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.GraphQLClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The built-in demo upstream, reached over HTTP through the real client: several pages of notes, comments and
 * replies, so that a fresh machine can try pagination without a token.
 */
@QuarkusTest
@TestProfile(DemoUpstreamTest.DemoProfile.class)
class DemoUpstreamTest {

    public static class DemoProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xhs.demo.enabled", "true");
        }
    }

    @Test
    void theDemoCreatorHasSeveralPagesOfNotes() {
        List<String> notes = walk("""
                query($after: String) {
                  user(id: "%s") { notes(first: 3, after: $after) {
                    nodes { xhsId } pageInfo { hasNextPage endCursor } } }
                }
                """.formatted(DemoDataset.DEMO_CREATOR), "data.user.notes");
        assertThat(notes).hasSize(23).doesNotHaveDuplicates();

        JsonPath profile = GraphQLClient.post("""
                query { user(id: "%s") { nickname noteCount notes(first: 1) { totalCount nodes { pinned text } } } }
                """.formatted(DemoDataset.DEMO_CREATOR)).jsonPath();
        assertThat(profile.getList("errors")).isNull();
        assertThat(profile.getString("data.user.nickname")).isEqualTo("是六金呀～");
        assertThat(profile.getInt("data.user.noteCount")).isEqualTo(23);
        assertThat(profile.getInt("data.user.notes.totalCount")).isEqualTo(23);
        assertThat(profile.getBoolean("data.user.notes.nodes[0].pinned")).isTrue();
        assertThat(profile.getString("data.user.notes.nodes[0].text")).as("full text from the detail")
                .startsWith("162｜110斤").hasSizeGreaterThan(110);
    }

    @Test
    void commentsAndReplyThreadsHaveSeveralPages() {
        JsonPath first = GraphQLClient.post("""
                query { user(id: "%s") { notes(first: 1) { nodes { xhsId comments(first: 0) { totalCount } } } } }
                """.formatted(DemoDataset.VIDEO_CREATOR)).jsonPath();
        String noteId = first.getString("data.user.notes.nodes[0].xhsId");
        assertThat(noteId).isEqualTo(DemoDataset.RECORDED_NOTE);

        List<String> comments = walk("""
                query($after: String) {
                  note(id: "%s") { comments(first: 4, after: $after) {
                    nodes { xhsId } pageInfo { hasNextPage endCursor } } }
                }
                """.formatted(noteId), "data.note.comments");
        assertThat(comments).hasSizeGreaterThanOrEqualTo(23).doesNotHaveDuplicates();
        assertThat(comments).contains(DemoDataset.RECORDED_THREAD);

        JsonPath page = GraphQLClient.post("""
                query { note(id: "%s") { comments(first: 10) { nodes { id xhsId replyCount } } } }
                """.formatted(noteId)).jsonPath();
        int index = page.<String>getList("data.note.comments.nodes.xhsId").indexOf(DemoDataset.RECORDED_THREAD);
        assertThat(index).isNotNegative();
        assertThat(page.getInt("data.note.comments.nodes[" + index + "].replyCount")).isEqualTo(37);

        String thread = page.getString("data.note.comments.nodes[" + index + "].id");
        List<String> replies = walk("""
                query($after: String) {
                  node(id: "%s") { ... on Comment {
                    replies(first: 4, after: $after) { nodes { xhsId } pageInfo { hasNextPage endCursor } } } }
                }
                """.formatted(thread), "data.node.replies");
        assertThat(replies).hasSize(37).doesNotHaveDuplicates().startsWith("65bf6392000000000800b405");
    }

    @Test
    void anUnknownCreatorIsNotFound() {
        JsonPath body = GraphQLClient.post("""
                query { user(id: "000000000000000000000001") { nickname } }
                """).jsonPath();
        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    }

    private static List<String> walk(String query, String connection) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 30; i++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            JsonPath page = GraphQLClient.post(query, variables).jsonPath();
            assertThat(page.getList("errors")).as(page.prettify()).isNull();
            ids.addAll(page.getList(connection + ".nodes.xhsId"));
            if (!page.getBoolean(connection + ".pageInfo.hasNextPage")) {
                assertThat(new HashSet<>(ids)).hasSize(ids.size());
                return ids;
            }
            after = page.getString(connection + ".pageInfo.endCursor");
        }
        throw new AssertionError("the walk did not end");
    }
}
