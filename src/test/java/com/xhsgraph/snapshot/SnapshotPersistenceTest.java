package com.xhsgraph.snapshot;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Everything fetched lands in PostgreSQL: latest state upserted, counters appended to the history. */
@QuarkusTest
@ConnectWireMock
class SnapshotPersistenceTest extends GraphTestBase {

    private static final String USER_ID = id("5c2f338a", 21);
    private static final String NOTE_ID = "65bf5360000000002c03f684";
    private static final String THREAD = "65bf56d3000000000803f4ec";

    private static final String PROFILE_QUERY = """
            query($id: String!) { user(id: $id, maxAge: 0) { nickname followerCount } }
            """;

    @Test
    void aProfileIsStoredAndEveryRefetchAppendsAnObservation() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));
        GraphQLClient.post(PROFILE_QUERY, Map.of("id", USER_ID));

        assertThat(db.string("SELECT nickname FROM xhs_user WHERE xhs_id = ?", USER_ID)).isEqualTo("是六金呀～");
        assertThat(db.count("SELECT follower_count FROM xhs_user WHERE xhs_id = ?", USER_ID)).isEqualTo(100);
        assertThat(db.count("SELECT count(*) FROM xhs_user_observation WHERE user_id = ?", USER_ID)).isEqualTo(1);

        upstream.reset();
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 105)));
        GraphQLClient.post(PROFILE_QUERY, Map.of("id", USER_ID));

        assertThat(db.count("SELECT count(*) FROM xhs_user WHERE xhs_id = ?", USER_ID)).isEqualTo(1);
        assertThat(db.count("SELECT follower_count FROM xhs_user WHERE xhs_id = ?", USER_ID)).isEqualTo(105);
        assertThat(db.count("SELECT count(*) FROM xhs_user_observation WHERE user_id = ?", USER_ID)).isEqualTo(2);
        assertThat(db.count("SELECT max(follower_count) - min(follower_count) FROM xhs_user_observation "
                + "WHERE user_id = ?", USER_ID)).isEqualTo(5);
    }

    @Test
    void recordedNoteCommentsAndRepliesAreStoredWithTheirThread() {
        upstream.detail(NOTE_ID, json(Fixtures.recorded("get-note-detail-v1.live.json").toString()));
        upstream.comments(NOTE_ID, null, json(Fixtures.recorded("get-note-comment-v2.live.json").toString()));
        upstream.replies(NOTE_ID, THREAD, null,
                json(Fixtures.recorded("get-note-sub-comment-v2.live.json").toString()));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) {
                  note(id: $id) {
                    title text ipLocation commentCount
                    comments(first: 1) { totalCount nodes { xhsId replyCount replies(first: 5) { nodes { xhsId } } } }
                  }
                }
                """, Map.of("id", NOTE_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getInt("data.note.commentCount")).isEqualTo(937);
        assertThat(body.getInt("data.note.comments.totalCount")).isEqualTo(795);
        assertThat(db.string("SELECT ip_location FROM xhs_note WHERE xhs_id = ?", NOTE_ID)).isEqualTo("中国香港");
        assertThat(db.count("SELECT comment_count FROM xhs_note WHERE xhs_id = ?", NOTE_ID)).isEqualTo(937);
        assertThat(db.count("SELECT count(*) FROM xhs_note_observation WHERE note_id = ?", NOTE_ID)).isEqualTo(1);
        // the whole comment page is stored, not only the one comment returned
        assertThat(db.count("SELECT count(*) FROM xhs_comment WHERE note_id = ? AND root_id IS NULL", NOTE_ID))
                .isEqualTo(10);
        assertThat(db.count("SELECT count(*) FROM xhs_comment WHERE root_id = ?", THREAD)).isEqualTo(5);
        assertThat(db.string("SELECT reply_to_id FROM xhs_comment WHERE xhs_id = '65bf659700000000080142ec'"))
                .isEqualTo("65bf6392000000000800b405");
        assertThat(db.count("SELECT count(*) FROM xhs_comment_observation")).isEqualTo(15);
        // the author of the note, as the detail names it
        assertThat(db.string("SELECT nickname FROM xhs_user WHERE xhs_id = '61e0f15300000000210253a5'"))
                .isEqualTo("唐詩詠Natalie");
    }

    @Test
    void concurrentQueriesFetchingTheSameItemsNeitherFailNorDuplicateRows() {
        List<String> notes = IntStream.range(0, 10).mapToObj(i -> id("6a7e9ff6", 500 + i)).toList();
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, notes, false, true)));

        List<CompletableFuture<JsonPath>> queries = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> GraphQLClient
                        .post("""
                                query($id: String!) { user(id: $id) { notes(first: 10, maxAge: 0) { nodes { xhsId likeCount } } } }
                                """,
                                Map.of("id", USER_ID))
                        .jsonPath(), GraphQLClient.AT_ONCE))
                .toList();

        for (CompletableFuture<JsonPath> query : queries) {
            JsonPath body = query.join();
            assertThat(body.getList("errors")).isNull();
            assertThat(body.getList("data.user.notes.nodes")).hasSize(10);
        }
        assertThat(db.count("SELECT count(*) FROM xhs_note WHERE author_id = ?", USER_ID)).isEqualTo(10);
        assertThat(db.count("SELECT count(*) FROM xhs_user WHERE xhs_id = ?", USER_ID)).isEqualTo(1);
        // concurrent identical calls are shared (single flight); every call that was made is recorded once
        int calls = upstream.calls(com.xhsgraph.support.UpstreamStub.NOTES);
        assertThat(calls).isBetween(1, 12);
        assertThat(db.count("SELECT count(*) FROM xhs_note_observation")).isEqualTo(calls * 10L);
    }

    @Test
    void aDetailNeverReplacesBetterDataFromAListing() {
        String noteId = id("6a7e9ff6", 600);
        ObjectNode listing = Fixtures.parse(Fixtures.notePage(USER_ID, List.of(noteId), false, true));
        ObjectNode listed = (ObjectNode) listing.at("/data/notes/0");
        listed.put("sticky", true);
        listed.put("title", "the listing's title");
        listed.put("display_title", "the listing's title");
        ArrayNode images = (ArrayNode) listed.get("images_list");
        images.add(images.get(0).deepCopy());
        images.add(images.get(0).deepCopy());
        upstream.notes(USER_ID, null, json(listing.toString()));
        // the detail: no title, no pinned flag, one image smaller than the listing's
        ObjectNode detail = Fixtures.recorded("get-note-detail-v1.json");
        ObjectNode note = (ObjectNode) detail.at("/data/0/note_list/0");
        note.put("id", noteId);
        note.put("title", "");
        note.put("sticky", false);
        upstream.detail(noteId, json(detail.toString()));

        GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 1) { nodes { xhsId } } } }
                """, Map.of("id", USER_ID));
        JsonPath body = GraphQLClient.post("""
                query($id: String!) { note(id: $id, maxAge: 0) { title pinned text images { url width } } }
                """, Map.of("id", noteId)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getString("data.note.text")).as("what the detail adds").startsWith("和@小羊崽吃了吗");
        assertThat(body.getString("data.note.title")).isEqualTo("the listing's title");
        assertThat(body.getBoolean("data.note.pinned")).isTrue();
        assertThat(body.getList("data.note.images")).hasSize(3);
        assertThat(body.getString("data.note.images[0].url")).contains("/w/1440/");
        assertThat(body.getInt("data.note.images[0].width")).isEqualTo(1280);
        assertThat(db.string("SELECT title FROM xhs_note WHERE xhs_id = ?", noteId)).isEqualTo("the listing's title");
        assertThat(db.string("SELECT pinned::text FROM xhs_note WHERE xhs_id = ?", noteId)).isEqualTo("true");
        assertThat(db.count("SELECT jsonb_array_length(images_json::jsonb) FROM xhs_note WHERE xhs_id = ?", noteId))
                .isEqualTo(3);
    }

    @Test
    void theRawUpstreamItemsAreKeptBesideTheColumns() {
        upstream.detail(NOTE_ID, json(Fixtures.recorded("get-note-detail-v1.live.json").toString()));
        upstream.comments(NOTE_ID, null, json(Fixtures.recorded("get-note-comment-v2.live.json").toString()));
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));
        String someComment = Fixtures.recorded("get-note-comment-v2.live.json").at("/data/comments/3/id").asText();

        GraphQLClient.post("""
                query($note: String!, $user: String!) {
                  note(id: $note) { title comments(first: 10) { nodes { xhsId } } }
                  user(id: $user) { nickname }
                }
                """, Map.of("note", NOTE_ID, "user", USER_ID));

        // fields the graph does not serve (yet) are kept, so a later field costs no new call
        assertThat(db.string("SELECT jsonb_typeof(raw_detail) FROM xhs_note WHERE xhs_id = ?", NOTE_ID))
                .as("stored as JSON, not as a string of JSON").isEqualTo("object");
        assertThat(db.string("SELECT raw_detail ->> 'widgets_context' FROM xhs_note WHERE xhs_id = ?", NOTE_ID))
                .isNotBlank();
        assertThat(db.string("SELECT jsonb_typeof(raw_detail -> 'hash_tag') FROM xhs_note WHERE xhs_id = ?", NOTE_ID))
                .isEqualTo("array");
        assertThat(db.string("SELECT raw ->> 'score' FROM xhs_comment WHERE xhs_id = ?", someComment)).isNotNull();
        assertThat(db.string("SELECT raw ->> 'id' FROM xhs_comment WHERE xhs_id = ?", someComment))
                .isEqualTo(someComment);
        assertThat(db.string("SELECT raw_profile ->> 'share_link' FROM xhs_user WHERE xhs_id = ?", USER_ID))
                .contains("xsec_token=");
    }

    @Test
    void aPageWithUnstorableItemsIsStoredSanitisedAndNotPaidForAgain() {
        List<String> ids = IntStream.range(0, 4).mapToObj(i -> id("65c19952", 700 + i)).toList();
        ObjectNode page = Fixtures.parse(Fixtures.commentPage(NOTE_ID, ids, false, "", 4, 0));
        ArrayNode comments = (ArrayNode) page.at("/data/comments");
        ((ObjectNode) comments.get(0)).put("content", "a NUL \u0000 and a lone \ud800 surrogate");
        ((ObjectNode) comments.get(1)).put("like_count", "1.2万");
        ((ObjectNode) comments.get(2)).put("like_count", "many");
        ((ObjectNode) comments.get(3)).put("id", "f".repeat(300));
        upstream.comments(NOTE_ID, null, json(page.toString()));
        String query = """
                query($id: String!) { note(id: $id) { comments(first: 10) { nodes { xhsId content likeCount } } } }
                """;

        JsonPath first = GraphQLClient.post(query, Map.of("id", NOTE_ID)).jsonPath();
        JsonPath second = GraphQLClient.post(query, Map.of("id", NOTE_ID)).jsonPath();

        assertThat(first.getList("errors")).isNull();
        assertThat(first.getList("data.note.comments.nodes.xhsId")).as("the item without a usable id is dropped")
                .containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(first.getString("data.note.comments.nodes[0].content")).doesNotContain("\u0000")
                .startsWith("a NUL");
        assertThat(first.getInt("data.note.comments.nodes[1].likeCount")).isEqualTo(12_000);
        assertThat(first.getString("data.note.comments.nodes[2].likeCount")).isNull();
        assertThat(second.getMap("data")).isEqualTo(first.getMap("data"));
        assertThat(upstream.calls(com.xhsgraph.support.UpstreamStub.COMMENTS)).as("stored once, served after")
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM xhs_comment WHERE note_id = ?", NOTE_ID)).isEqualTo(3);
    }
}
