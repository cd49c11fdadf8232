package com.xhsgraph.snapshot;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

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
                        .jsonPath()))
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
}
