package com.xhsgraph.graphql;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.COMMENTS;
import static com.xhsgraph.support.UpstreamStub.DETAIL;
import static com.xhsgraph.support.UpstreamStub.REPLIES;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What the upstream gives, the graph gives, from the recorded responses: each query runs twice, once paying the
 * upstream and once from the snapshots, and both answers must be the same (what was paid for is kept).
 */
@QuarkusTest
@ConnectWireMock
class UpstreamFidelityTest extends GraphTestBase {

    private static final String BRAND = "5d1778df00000000160339d1";
    private static final String NOTE = "698ab064000000001503876d";
    /** The note the recorded comment page (get-note-comment-v2.json) is about. */
    private static final String COMMENTED = "698af6400000000015031456";

    /** Runs {@code query} twice; the second answer comes from the snapshots and equals the first. */
    private JsonPath twice(String query, Map<String, Object> variables, int calls) {
        JsonPath fetched = GraphQLClient.post(query, variables).jsonPath();
        assertThat(fetched.getList("errors")).as(fetched.prettify()).isNull();
        assertThat(upstream.totalCalls()).isEqualTo(calls);
        snapshots.forgetCached();
        JsonPath stored = GraphQLClient.post(query, variables).jsonPath();
        assertThat(upstream.totalCalls()).as("the second answer costs nothing").isEqualTo(calls);
        assertThat(stored.getMap("data")).as("served from the snapshots, the same").isEqualTo(fetched.getMap("data"));
        return fetched;
    }

    @Test
    void aProfileGivesGenderTagsLevelVerificationAndItsShareLink() {
        upstream.user(BRAND, json(Fixtures.recorded("get-user-v3.live.json").toString()));

        JsonPath body = twice("""
                query($id: String!) { user(id: $id) {
                  nickname gender level verified verification shareUrl tags { name type }
                } }
                """, Map.of("id", BRAND), 1);

        assertThat(body.getString("data.user.nickname")).isEqualTo("中国平安");
        assertThat(body.getString("data.user.gender")).isEqualTo("UNKNOWN");
        assertThat(body.getBoolean("data.user.verified")).as("verify type 2, though red_official_verified is false")
                .isTrue();
        assertThat(body.getString("data.user.verification")).isEqualTo("保险");
        assertThat(body.getString("data.user.level")).isNull();
        assertThat(body.getString("data.user.shareUrl")).contains("/user/profile/" + BRAND).contains("xsec_token=");
        assertThat(body.getList("data.user.tags")).isEmpty();
    }

    @Test
    void aDetailGivesTopicsMentionsTheShareLinkAndTheLargestImage() {
        upstream.detail(NOTE, json(Fixtures.recorded("get-note-detail-v1.json").toString()));

        JsonPath body = twice("""
                query($id: String!) { note(id: $id) {
                  tags text textWithoutTags mentions { xhsId nickname } shareUrl ipLocation
                  images { url width height }
                } }
                """, Map.of("id", NOTE), 1);

        assertThat(body.getList("data.note.tags")).containsExactly("我是春节主理人", "咔嚓一张新年照", "新年写真", "国风",
                "拍照姿势不重样");
        assertThat(body.getString("data.note.text")).contains("#国风[话题]#");
        assertThat(body.getString("data.note.textWithoutTags")).doesNotContain("[话题]").doesNotContain("#国风")
                .startsWith("和@小羊崽吃了吗 在杭州街拍新年写真");
        assertThat(body.getList("data.note.mentions.xhsId")).containsExactly("5b100874f7e8b932e02cfc6d");
        assertThat(body.getList("data.note.mentions.nickname")).containsExactly("小羊崽吃了吗");
        assertThat(body.getString("data.note.shareUrl")).contains("/discovery/item/" + NOTE).contains("xsec_token=");
        assertThat(body.getString("data.note.ipLocation")).isEqualTo("浙江");
        assertThat(body.getString("data.note.images[0].url")).contains("/w/5000/h/5000/");
        assertThat(body.getInt("data.note.images[0].width")).isEqualTo(1080);
        assertThat(body.getInt("data.note.images[0].height")).isEqualTo(1920);
    }

    @Test
    void aMentionIsAUserWhoseNicknameIsFree() {
        upstream.detail(NOTE, json(Fixtures.recorded("get-note-detail-v1.json").toString()));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { note(id: $id) { mentions { nickname url } } }
                """, Map.of("id", NOTE)).jsonPath();

        assertThat(body.getString("data.note.mentions[0].url")).endsWith("/user/profile/5b100874f7e8b932e02cfc6d");
        assertThat(upstream.calls(USER)).isZero();
    }

    @Test
    void aVideoNoteFromAListingGivesItsLengthCoverAndStreams() throws Exception {
        String userId = id("5c2f338a", 60);
        String videoNote = id("6a8c169f", 60);
        ObjectNode envelope = Fixtures.parse(Fixtures.notePage(userId, List.of(videoNote), false, true));
        ObjectNode note = (ObjectNode) envelope.at("/data/notes/0");
        note.put("type", "video");
        note.put("ip_location", "广东");
        // shaped as video_info_v2 is in live note lists
        note.set("video_info_v2", Fixtures.JSON.readTree("""
                {"capa": {"duration": 25},
                 "media": {"video": {"duration": 26},
                           "stream": {"h264": [{"master_url": "https://sns-v/a_258.mp4", "video_codec": "h264",
                                                "quality_type": "HD", "width": 720, "height": 1280,
                                                "default_stream": 0, "size": 4100000}],
                                      "h265": [{"master_url": "https://sns-v/b_513.mp4", "video_codec": "hevc",
                                                "quality_type": "HD", "width": 720, "height": 1280,
                                                "default_stream": 1, "size": 2900000}]}}}
                """));
        upstream.notes(userId, null, json(envelope.toString()));

        JsonPath body = twice(
                """
                        query($id: String!) { user(id: $id) { notes(first: 1) { nodes {
                          type ipLocation video { durationSeconds cover { url } streams { url codec quality width height bytes } }
                        } } } }
                        """,
                Map.of("id", userId), 1);

        String path = "data.user.notes.nodes[0]";
        assertThat(body.getString(path + ".type")).isEqualTo("VIDEO");
        assertThat(body.getString(path + ".ipLocation")).as("listed video notes carry it: no detail call")
                .isEqualTo("广东");
        assertThat(body.getInt(path + ".video.durationSeconds")).isEqualTo(26);
        assertThat(body.getString(path + ".video.cover.url")).contains("/w/1440/");
        assertThat(body.getList(path + ".video.streams.url")).containsExactly("https://sns-v/b_513.mp4",
                "https://sns-v/a_258.mp4");
        assertThat(body.getList(path + ".video.streams.bytes")).containsExactly(2900000, 4100000);
        assertThat(upstream.calls(DETAIL)).isZero();
    }

    @Test
    void commentsGiveTheirLabelsMentionsAndStatusAndTheirPreviewedReplies() {
        upstream.comments(COMMENTED, null, json(Fixtures.recorded("get-note-comment-v2.json").toString()));

        JsonPath body = twice("""
                query($id: String!) { note(id: $id) { comments(first: 14, order: DEFAULT) { nodes {
                  xhsId isFirstComment isLikedByAuthor status mentions { xhsId nickname }
                  replyCount replies(first: 1) { nodes { xhsId replyTo { xhsId } } pageInfo { hasNextPage } }
                } } } }
                """, Map.of("id", COMMENTED), 1);

        String nodes = "data.note.comments.nodes";
        assertThat(body.getList(nodes + ".isFirstComment")).containsExactly(false, false, false, false, false, false,
                false, false, false, false, false, true, false, false);
        assertThat(body.getList(nodes + ".isLikedByAuthor")).containsExactly(false, false, false, false, false,
                false, false, false, false, false, false, false, true, false);
        assertThat(body.getList(nodes + ".status")).containsOnly(0);
        assertThat(body.getList(nodes + "[10].mentions.nickname")).containsExactly("Komorebize", "WonderLine",
                "已对推送机制绝望", "一一");
        assertThat(body.getList(nodes + "[10].mentions.xhsId")).startsWith("5ea15f4b000000000100bbbf");
        // every thread's first reply is in the page's preview, or the thread is empty: no reply call
        assertThat(body.getList(nodes + "[0].replies.nodes.xhsId")).containsExactly("698b0c0e000000000800f001");
        assertThat(body.getString(nodes + "[0].replies.nodes[0].replyTo.xhsId")).isEqualTo("698b080d00000000080302ab");
        assertThat(body.getBoolean(nodes + "[0].replies.pageInfo.hasNextPage")).isTrue();
        assertThat(body.getList(nodes + "[1].replies.nodes.xhsId")).containsExactly("698d2ec40000000009023c88");
        assertThat(body.getBoolean(nodes + "[1].replies.pageInfo.hasNextPage")).as("1 reply, previewed").isFalse();
        assertThat(body.getList(nodes + "[2].replies.nodes")).isEmpty();
        assertThat(upstream.calls(REPLIES)).isZero();
    }

    @Test
    void aWalkPastARecordedPreviewAsksForThePageAfterIt() {
        upstream.comments(COMMENTED, null, json(Fixtures.recorded("get-note-comment-v2.json").toString()));
        String thread = "698b080d00000000080302ab";
        String after = "{\"cursor\":\"698b0c0e000000000800f001\",\"index\":1}";
        ObjectNode replies = Fixtures.recorded("get-note-sub-comment-v2.json");
        ((ArrayNode) replies.at("/data/comments")).remove(3);
        ((ArrayNode) replies.at("/data/comments")).remove(3);
        ((ObjectNode) replies.get("data")).put("has_more", false);
        upstream.replies(COMMENTED, thread, after, json(replies.toString()));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { note(id: $id) { comments(first: 1, order: DEFAULT) { nodes {
                  replies(first: 10) { nodes { xhsId } totalCount pageInfo { hasNextPage } }
                } } } }
                """, Map.of("id", COMMENTED)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getList("data.note.comments.nodes[0].replies.nodes.xhsId")).containsExactly(
                "698b0c0e000000000800f001", "65bf6392000000000800b405", "65bf659700000000080142ec",
                "65bf65dc000000000803286b");
        assertThat(body.getBoolean("data.note.comments.nodes[0].replies.pageInfo.hasNextPage")).isFalse();
        assertThat(upstream.calls(REPLIES)).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS)).isEqualTo(1);
    }
}
