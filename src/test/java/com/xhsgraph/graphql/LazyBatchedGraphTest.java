package com.xhsgraph.graphql;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.COMMENTS;
import static com.xhsgraph.support.UpstreamStub.DETAIL;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.REPLIES;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A field's upstream call happens only when it is selected, and one query never pays for the same call twice. */
@QuarkusTest
@ConnectWireMock
class LazyBatchedGraphTest extends GraphTestBase {

    private static final String USER_ID = id("5c2f338a", 1);

    @Test
    void idsAloneCostNothing() {
        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { id xhsId url } }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getString("data.user.xhsId")).isEqualTo(USER_ID);
        assertThat(body.getString("data.user.id")).isNotBlank().isNotEqualTo(USER_ID);
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void aProfileUrlIsAcceptedAsTheId() {
        String url = "https://www.xiaohongshu.com/user/profile/" + USER_ID + "?xsec_token=abc&xsec_source=app_share";
        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { xhsId } }
                """, Map.of("id", url)).jsonPath();

        assertThat(body.getString("data.user.xhsId")).isEqualTo(USER_ID);
    }

    @Test
    void profileFieldsShareOneCall() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 21263)));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) {
                  a: user(id: $id) { nickname followerCount }
                  b: user(id: $id) { bio noteCount likedAndCollectedCount }
                }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getString("data.a.nickname")).isEqualTo("是六金呀～");
        assertThat(body.getInt("data.a.followerCount")).isEqualTo(21263);
        assertThat(body.getInt("data.b.noteCount")).isEqualTo(270);
        assertThat(body.getInt("data.b.likedAndCollectedCount")).isEqualTo(65447 + 15725);
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }

    @Test
    void nestedQueryCostsOneCallPerUpstreamPage() {
        String note1 = id("63b38c37", 1);
        String note2 = id("63b38c37", 2);
        String comment1 = id("65bf56d3", 1);
        String comment2 = id("65bf56d3", 2);
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, List.of(note1, note2), true, true)));
        for (String note : List.of(note1, note2)) {
            upstream.comments(note, null,
                    json(Fixtures.commentPage(note, List.of(comment1, comment2), false, "", 2, 3)));
            for (String comment : List.of(comment1, comment2)) {
                upstream.replies(note, comment, null, json(Fixtures.replyPage(note, comment,
                        List.of(id("65bf6392", 1), id("65bf6392", 2)), false, "")));
            }
        }

        JsonPath body = GraphQLClient.post("""
                query($id: String!) {
                  user(id: $id) {
                    notes(first: 2) {
                      nodes {
                        title likeCount author { xhsId nickname }
                        comments(first: 2) {
                          nodes { content replies(first: 2) { nodes { content replyTo { xhsId } } } }
                        }
                      }
                    }
                  }
                }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getList("data.user.notes.nodes")).hasSize(2);
        assertThat(body.getString("data.user.notes.nodes[0].author.nickname")).isEqualTo("是六金呀～");
        assertThat(body.getList("data.user.notes.nodes[1].comments.nodes[1].replies.nodes.content"))
                .containsExactly("reply " + id("65bf6392", 1), "reply " + id("65bf6392", 2));
        // 1 note page + 2 comment pages + 2 x 2 reply pages; the author's nickname came with the listing
        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS)).isEqualTo(2);
        assertThat(upstream.calls(REPLIES)).isEqualTo(4);
        assertThat(upstream.calls(USER)).isZero();
        assertThat(upstream.calls(DETAIL)).isZero();
        assertThat(upstream.totalCalls()).isEqualTo(7);
    }
}
