package com.xhsgraph.snapshot;

import static com.xhsgraph.support.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Offline mode serves what is stored, says how old it is, and never calls the upstream. */
@QuarkusTest
@ConnectWireMock
@TestProfile(OfflineModeTest.Offline.class)
class OfflineModeTest extends GraphTestBase {

    public static class Offline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xhs.snapshots.offline", "true");
        }
    }

    private static final String USER_ID = id("5c2f338a", 61);

    @Test
    void storedDataIsServedAndMissingDataIsNotInSnapshot() {
        db.execute("""
                INSERT INTO xhs_user (xhs_id, nickname, follower_count, first_seen_at, updated_at, profile_fetched_at)
                VALUES ('%1$s', 'stored nickname', 42, now() - interval '3 hours', now() - interval '3 hours',
                        now() - interval '3 hours');
                INSERT INTO xhs_note (xhs_id, author_id, title, excerpt, first_seen_at, updated_at)
                VALUES ('%2$s', '%1$s', 'first stored note', 'short', now(), now()),
                       ('%3$s', '%1$s', 'second stored note', 'short', now(), now());
                INSERT INTO xhs_page (list_kind, scope, request_cursor, item_ids, next_cursor, has_more, fetched_at)
                VALUES ('notes', '%1$s', '', '%2$s,%3$s', '%3$s', true, now() - interval '5 minutes');
                """.formatted(USER_ID, id("6a7e9ff6", 1), id("6a7e9ff6", 2)));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) {
                  user(id: $id) {
                    nickname followerCount source stale
                    notes(first: 2) { nodes { title } source stale pageInfo { hasNextPage } }
                  }
                }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("errors")).as(body.prettify()).isNull();
        assertThat(body.getString("data.user.nickname")).isEqualTo("stored nickname");
        assertThat(body.getInt("data.user.followerCount")).isEqualTo(42);
        assertThat(body.getString("data.user.source")).isEqualTo("SNAPSHOT");
        assertThat(body.getBoolean("data.user.stale")).as("older than the 1 h default").isTrue();
        assertThat(body.getList("data.user.notes.nodes.title")).containsExactly("first stored note",
                "second stored note");
        assertThat(body.getBoolean("data.user.notes.stale")).isFalse();

        JsonPath further = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { notes(first: 3) { nodes { title } } } }
                """, Map.of("id", USER_ID)).jsonPath();
        assertThat(further.getString("errors[0].extensions.code")).isEqualTo("NOT_IN_SNAPSHOT");
        assertThat(further.<Object>getList("errors[0].path")).containsExactly("user", "notes");

        JsonPath unknown = GraphQLClient.post("""
                query { user(id: "%s") { nickname } }
                """.formatted(id("5c2f338a", 62))).jsonPath();
        assertThat(unknown.getString("errors[0].extensions.code")).isEqualTo("NOT_IN_SNAPSHOT");
        assertThat(upstream.totalCalls()).isZero();
    }
}
