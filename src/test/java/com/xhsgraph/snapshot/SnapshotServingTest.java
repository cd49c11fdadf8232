package com.xhsgraph.snapshot;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.COMMENTS;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.MovableTime;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Snapshots that serve: fresh enough snapshots answer without upstream calls, expired ones are refetched, a failing
 * upstream falls back to what is stored, and the history and past states are queryable. The clock is moved by hand.
 */
@QuarkusTest
@ConnectWireMock
class SnapshotServingTest extends GraphTestBase {

    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final String USER_ID = id("5c2f338a", 51);
    private static final String NOTE_ID = id("65bf5360", 51);
    private static final String PROFILE = """
            query($id: String!, $maxAge: Int) {
              user(id: $id, maxAge: $maxAge) { nickname followerCount fetchedAt source stale }
            }
            """;

    private MovableTime time;

    @BeforeEach
    void startTheClock() {
        time = MovableTime.install(T0);
    }

    private JsonPath profile(Integer maxAge) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("id", USER_ID);
        variables.put("maxAge", maxAge);
        JsonPath body = GraphQLClient.post(PROFILE, variables).jsonPath();
        assertThat(body.getList("errors")).as(body.prettify()).isNull();
        return body;
    }

    @Test
    void aRepeatedQueryWithinMaxAgeMakesNoCallAndSaysWhereTheDataCameFrom() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));

        JsonPath first = profile(null);
        assertThat(first.getString("data.user.source")).isEqualTo("UPSTREAM");
        assertThat(first.getBoolean("data.user.stale")).isFalse();
        assertThat(first.getString("data.user.fetchedAt")).isEqualTo("2026-11-01T08:00:00Z");

        time.advance(Duration.ofMinutes(59));
        JsonPath second = profile(null);
        assertThat(second.getInt("data.user.followerCount")).isEqualTo(100);
        assertThat(second.getString("data.user.source")).isEqualTo("SNAPSHOT");
        assertThat(second.getBoolean("data.user.stale")).isFalse();
        assertThat(second.getString("data.user.fetchedAt")).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }

    @Test
    void afterExpiryTheDataIsFetchedAgainAndTheHistoryGrows() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));
        profile(null);
        upstream.reset();
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 120)));

        time.advance(Duration.ofMinutes(61));
        JsonPath again = profile(null);

        assertThat(again.getString("data.user.source")).isEqualTo("UPSTREAM");
        assertThat(again.getInt("data.user.followerCount")).isEqualTo(120);
        assertThat(upstream.calls(USER)).isEqualTo(1);
        JsonPath history = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { history { observedAt followerCount } } }
                """, Map.of("id", USER_ID)).jsonPath();
        assertThat(history.getList("data.user.history.followerCount")).containsExactly(100, 120);
        assertThat(history.getList("data.user.history.observedAt"))
                .containsExactly("2026-11-01T08:00:00Z", "2026-11-01T09:01:00Z");
    }

    @Test
    void maxAgeZeroAlwaysFetches() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));
        profile(null);
        profile(0);
        profile(0);
        assertThat(upstream.calls(USER)).isEqualTo(3);
        assertThat(profile(3600).getString("data.user.source")).isEqualTo("SNAPSHOT");
        assertThat(upstream.calls(USER)).isEqualTo(3);
    }

    @Test
    void aLongerWalkFetchesOnlyTheMissingPages() {
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> id("6a7e9ff6", 700 + i)).toList();
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, ids.subList(0, 10), true, true)));
        upstream.notes(USER_ID, ids.get(9), json(Fixtures.notePage(USER_ID, ids.subList(10, 20), true, true)));
        upstream.notes(USER_ID, ids.get(19), json(Fixtures.notePage(USER_ID, ids.subList(20, 30), false, true)));
        String walk = """
                query($id: String!, $first: Int) {
                  user(id: $id) { notes(first: $first) { nodes { xhsId title source } source stale storedCount } }
                }
                """;

        JsonPath short1 = GraphQLClient.post(walk, Map.of("id", USER_ID, "first", 3)).jsonPath();
        assertThat(short1.getString("data.user.notes.source")).isEqualTo("UPSTREAM");
        assertThat(short1.getInt("data.user.notes.storedCount")).isEqualTo(10);
        assertThat(upstream.calls(NOTES)).isEqualTo(1);

        time.advance(Duration.ofMinutes(5));
        JsonPath longer = GraphQLClient.post(walk, Map.of("id", USER_ID, "first", 25)).jsonPath();
        assertThat(longer.getList("data.user.notes.nodes.xhsId")).containsExactlyElementsOf(ids.subList(0, 25));
        assertThat(longer.getString("data.user.notes.nodes[0].source")).isEqualTo("SNAPSHOT");
        assertThat(longer.getString("data.user.notes.nodes[24].source")).isEqualTo("UPSTREAM");
        assertThat(longer.getString("data.user.notes.source")).isEqualTo("SNAPSHOT");
        assertThat(longer.getBoolean("data.user.notes.stale")).isFalse();
        assertThat(longer.getInt("data.user.notes.storedCount")).isEqualTo(30);
        assertThat(upstream.calls(NOTES)).isEqualTo(3);
        assertThat(upstream.calls(NOTES, "lastCursor", ids.get(9))).isEqualTo(1);

        JsonPath again = GraphQLClient.post(walk, Map.of("id", USER_ID, "first", 30)).jsonPath();
        assertThat(again.getList("data.user.notes.nodes.xhsId")).containsExactlyElementsOf(ids);
        assertThat(upstream.calls(NOTES)).isEqualTo(3);
    }

    @Test
    void aFailingUpstreamServesTheSnapshotMarkedStaleWithAWarning() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));
        profile(null);
        time.advance(Duration.ofHours(5));
        upstream.reset();
        upstream.user(USER_ID, json(Fixtures.error(302, "slow down")));

        JsonPath body = GraphQLClient.post(PROFILE, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getInt("data.user.followerCount")).isEqualTo(100);
        assertThat(body.getString("data.user.source")).isEqualTo("SNAPSHOT");
        assertThat(body.getBoolean("data.user.stale")).isTrue();
        assertThat(body.getString("data.user.fetchedAt")).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(body.getString("extensions.warnings[0].code")).isEqualTo("STALE_SNAPSHOT");
        assertThat(body.getString("extensions.warnings[0].message")).contains("rate limiting");
        // retried twice before falling back
        assertThat(upstream.calls(USER)).isEqualTo(3);
    }

    @Test
    void aFailingUpstreamAlsoFallsBackForPagesEvenWithMaxAgeZero() {
        List<String> ids = List.of(id("65c19952", 1), id("65c19952", 2));
        upstream.comments(NOTE_ID, null, json(Fixtures.commentPage(NOTE_ID, ids, false, "", 2, 0)));
        String query = """
                query($id: String!) { note(id: $id) { comments(maxAge: 0) { nodes { xhsId stale } source stale } } }
                """;
        GraphQLClient.post(query, Map.of("id", NOTE_ID));
        upstream.reset();
        upstream.comments(NOTE_ID, null, json(Fixtures.error(500, "boom")));

        JsonPath body = GraphQLClient.post(query, Map.of("id", NOTE_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getList("data.note.comments.nodes.xhsId")).containsExactlyElementsOf(ids);
        assertThat(body.getBoolean("data.note.comments.stale")).isTrue();
        assertThat(body.getBoolean("data.note.comments.nodes[0].stale")).isTrue();
        assertThat(body.getString("extensions.warnings[0].code")).isEqualTo("STALE_SNAPSHOT");
        assertThat(upstream.calls(COMMENTS)).isEqualTo(3);
    }

    @Test
    void authFailuresAreNotHiddenBehindSnapshots() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));
        profile(null);
        upstream.reset();
        upstream.user(USER_ID, json(Fixtures.error(100, "bad token")));

        JsonPath body = GraphQLClient.post(PROFILE, Map.of("id", USER_ID, "maxAge", 0)).jsonPath();

        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_AUTH");
    }

    @Test
    void asOfReturnsThePastStateAndHistoryCanBeWindowed() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));
        profile(null);
        time.advance(Duration.ofDays(1));
        upstream.reset();
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 150)));
        profile(0);
        time.advance(Duration.ofDays(1));
        upstream.reset();
        String asOf = """
                query($id: String!, $asOf: DateTime) { user(id: $id, asOf: $asOf) { followerCount fetchedAt source } }
                """;

        JsonPath between = GraphQLClient.post(asOf, Map.of("id", USER_ID, "asOf", "2026-11-01T20:00:00Z")).jsonPath();
        assertThat(between.getInt("data.user.followerCount")).isEqualTo(100);
        assertThat(between.getString("data.user.fetchedAt")).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(between.getString("data.user.source")).isEqualTo("SNAPSHOT");
        JsonPath after = GraphQLClient.post(asOf, Map.of("id", USER_ID, "asOf", "2026-11-02T08:00:00Z")).jsonPath();
        assertThat(after.getInt("data.user.followerCount")).isEqualTo(150);
        JsonPath before = GraphQLClient.post(asOf, Map.of("id", USER_ID, "asOf", "2026-10-01T00:00:00Z")).jsonPath();
        assertThat(before.getString("errors[0].extensions.code")).isEqualTo("NOT_IN_SNAPSHOT");
        assertThat(upstream.totalCalls()).isZero();

        JsonPath window = GraphQLClient
                .post("""
                        query($id: String!) {
                          user(id: $id) { history(since: "2026-11-01T12:00:00Z", until: "2026-11-03T00:00:00Z") { followerCount } }
                        }
                        """,
                        Map.of("id", USER_ID))
                .jsonPath();
        assertThat(window.getList("data.user.history.followerCount")).containsExactly(150);
    }

    @Test
    void noteHistoryAndAsOf() {
        upstream.detail(NOTE_ID, json(detail(NOTE_ID, 10)));
        GraphQLClient.post("query($id: String!) { note(id: $id) { likeCount } }", Map.of("id", NOTE_ID));
        time.advance(Duration.ofHours(2));
        upstream.reset();
        upstream.detail(NOTE_ID, json(detail(NOTE_ID, 25)));
        GraphQLClient.post("query($id: String!) { note(id: $id, maxAge: 0) { likeCount } }", Map.of("id", NOTE_ID));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) {
                  now: note(id: $id) { likeCount history { likeCount observedAt } }
                  then: note(id: $id, asOf: "2026-11-01T09:00:00Z") { likeCount title }
                }
                """, Map.of("id", NOTE_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getInt("data.now.likeCount")).isEqualTo(25);
        assertThat(body.getList("data.now.history.likeCount")).containsExactly(10, 25);
        assertThat(body.getInt("data.then.likeCount")).isEqualTo(10);
        assertThat(body.getString("data.then.title")).isNotBlank();
    }

    @Test
    void commentsSinceStopAtTheFirstPageThatReachesBack() {
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> id("65c19952", 100 + i)).toList();
        String cursor = "{\"cursor\":\"" + ids.get(9) + "\",\"index\":2}";
        long newest = T0.getEpochSecond();
        upstream.comments(NOTE_ID, null, json(timedComments(ids.subList(0, 10), newest, true, cursor)));
        upstream.comments(NOTE_ID, cursor, json(timedComments(ids.subList(10, 20), newest - 10 * 3600, false, "")));

        JsonPath body = GraphQLClient.post("""
                query($id: String!, $since: DateTime) {
                  note(id: $id) { comments(first: 50, since: $since) {
                    nodes { xhsId publishedAt } pageInfo { hasNextPage } totalCount } }
                }
                """, Map.of("id", NOTE_ID, "since", T0.minus(Duration.ofMinutes(3 * 60 + 30)).toString()))
                .jsonPath();

        assertThat(body.getList("errors")).isNull();
        // one comment an hour, newest first: the four of the last 3.5 hours
        assertThat(body.getList("data.note.comments.nodes.xhsId")).containsExactlyElementsOf(ids.subList(0, 4));
        assertThat(body.getBoolean("data.note.comments.pageInfo.hasNextPage")).isFalse();
        assertThat(upstream.calls(COMMENTS)).isEqualTo(1);
    }

    @Test
    void aSinceWalkReadsOnWhenTheUpstreamDoesNotSayItsPagesAreNewestFirst() {
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> id("65c19952", 200 + i)).toList();
        String cursor = "{\"cursor\":\"" + ids.get(9) + "\",\"index\":2}";
        long newest = T0.getEpochSecond();
        // the first page is the oldest: a walk that stopped at it would miss the recent comments on the second
        ObjectNode older = Fixtures.parse(timedComments(ids.subList(0, 10), newest - 10 * 3600, true, cursor));
        ObjectNode newer = Fixtures.parse(timedComments(ids.subList(10, 20), newest, false, ""));
        for (ObjectNode page : List.of(older, newer)) {
            ((ObjectNode) page.get("data")).put("current_sort_strategy", "normal_v3");
        }
        upstream.comments(NOTE_ID, null, json(older.toString()));
        upstream.comments(NOTE_ID, cursor, json(newer.toString()));

        JsonPath body = GraphQLClient.post("""
                query($id: String!, $since: DateTime) {
                  note(id: $id) { comments(first: 50, since: $since) { nodes { xhsId } } }
                }
                """, Map.of("id", NOTE_ID, "since", T0.minus(Duration.ofMinutes(3 * 60 + 30)).toString()))
                .jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getList("data.note.comments.nodes.xhsId")).containsExactlyElementsOf(ids.subList(10, 14));
        assertThat(upstream.calls(COMMENTS)).isEqualTo(2);
    }

    @Test
    void anEmptyNewestFirstPageOfANoteWithCommentsIsAskedForAgainInTheDefaultOrder() {
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> id("65c19952", 300 + i)).toList();
        String cursor = "{\"cursor\":\"" + ids.get(9) + "\",\"index\":2}";
        ObjectNode empty = Fixtures.parse(timedComments(List.of(), T0.getEpochSecond(), false, ""));
        ((ObjectNode) empty.get("data")).put("comment_count_l1", 12);
        upstream.on(COMMENTS, Map.of("noteId", NOTE_ID, "sort", "latest"), json(empty.toString()));
        upstream.on(COMMENTS, Map.of("noteId", NOTE_ID, "sort", "normal"),
                json(timedComments(ids.subList(0, 10), T0.getEpochSecond(), true, cursor)));
        // the walk goes on in the order it fell back to: a normal cursor is never sent with the latest order
        upstream.on(COMMENTS, Map.of("noteId", NOTE_ID, "sort", "normal", "lastCursor", cursor),
                json(timedComments(ids.subList(10, 12), T0.getEpochSecond() - 36_000, false, "")));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { note(id: $id) { comments(first: 20, order: LATEST) { nodes { xhsId } } } }
                """, Map.of("id", NOTE_ID)).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getList("data.note.comments.nodes.xhsId")).containsExactlyElementsOf(ids);
        assertThat(upstream.calls(COMMENTS, "sort", "latest")).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS, "sort", "normal")).isEqualTo(2);
    }

    @Test
    void aUserTheUpstreamDoesNotKnowIsRememberedForAWhile() {
        upstream.user(USER_ID, json(Fixtures.ok(Fixtures.JSON.createObjectNode())));
        String query = "query($id: String!) { user(id: $id) { nickname } }";

        for (int i = 0; i < 3; i++) {
            JsonPath body = GraphQLClient.post(query, Map.of("id", USER_ID)).jsonPath();
            assertThat(body.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
            time.advance(Duration.ofMinutes(4));
        }
        assertThat(upstream.calls(USER)).as("asked once in 10 minutes (xhs.snapshots.not-found-ttl)").isEqualTo(1);

        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 7)));
        JsonPath later = GraphQLClient.post(query, Map.of("id", USER_ID)).jsonPath();
        assertThat(later.getList("errors")).isNull();
        assertThat(upstream.calls(USER)).isEqualTo(2);
    }

    @Test
    void firstSeenAtIsWhenTheServiceFirstStoredTheObject() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 100)));
        upstream.comments(NOTE_ID, null, json(timedComments(List.of(id("65c19952", 400)), T0.getEpochSecond(),
                false, "")));
        String query = """
                query($user: String!, $note: String!) {
                  user(id: $user, maxAge: 0) { firstSeenAt fetchedAt }
                  note(id: $note) { firstSeenAt comments(first: 1, maxAge: 0) { nodes { firstSeenAt } } }
                }
                """;
        Map<String, Object> ids = Map.of("user", USER_ID, "note", NOTE_ID);
        JsonPath before = GraphQLClient.post("""
                query($note: String!) { note(id: $note) { firstSeenAt } }
                """, Map.of("note", NOTE_ID)).jsonPath();
        assertThat(before.getString("data.note.firstSeenAt")).as("never stored").isNull();

        GraphQLClient.post(query, ids);
        time.advance(Duration.ofHours(5));
        JsonPath body = GraphQLClient.post(query, ids).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getString("data.user.fetchedAt")).isEqualTo("2026-11-01T13:00:00Z");
        assertThat(body.getString("data.user.firstSeenAt")).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(body.getString("data.note.comments.nodes[0].firstSeenAt")).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(upstream.calls(USER)).isEqualTo(2);
    }

    @Test
    void badFreshnessAndTimeArgumentsAreInvalidAndCostNothing() {
        List<String> errors = new ArrayList<>();
        for (String query : List.of(
                "query { user(id: \"%s\", maxAge: -1) { nickname } }".formatted(USER_ID),
                "query { user(id: \"%s\") { notes(maxAge: -5) { nodes { title } } } }".formatted(USER_ID),
                "query { user(id: \"%s\", asOf: \"2099-01-01T00:00:00Z\") { nickname } }".formatted(USER_ID),
                "query { note(id: \"%s\") { history(since: \"2026-11-02T00:00:00Z\", until: \"2026-11-01T00:00:00Z\") { likeCount } } }"
                        .formatted(NOTE_ID))) {
            JsonPath body = GraphQLClient.post(query).jsonPath();
            errors.add(body.getString("errors[0].extensions.code"));
        }
        assertThat(errors).containsOnly("INVALID_ARGUMENT");

        JsonPath unparsable = GraphQLClient.post(
                "query { user(id: \"%s\", asOf: \"yesterday\") { nickname } }".formatted(USER_ID)).jsonPath();
        assertThat(unparsable.getList("errors")).isNotEmpty();
        assertThat(unparsable.getString("errors[0].message")).contains("asOf");
        assertThat(upstream.totalCalls()).isZero();
    }

    private static String detail(String noteId, int likes) {
        ObjectNode envelope = Fixtures.recorded("get-note-detail-v1.json");
        ObjectNode note = (ObjectNode) envelope.at("/data/0/note_list/0");
        note.put("id", noteId);
        note.put("liked_count", likes);
        return envelope.toString();
    }

    /** Comments one hour apart, the first published at {@code newest}. */
    private static String timedComments(List<String> ids, long newest, boolean hasMore, String cursor) {
        ObjectNode envelope = Fixtures.parse(Fixtures.commentPage(NOTE_ID, ids, hasMore, cursor, 20, 0));
        ArrayNode comments = (ArrayNode) envelope.at("/data/comments");
        for (int i = 0; i < comments.size(); i++) {
            ((ObjectNode) comments.get(i)).put("time", newest - i * 3600L);
        }
        return envelope.toString();
    }
}
