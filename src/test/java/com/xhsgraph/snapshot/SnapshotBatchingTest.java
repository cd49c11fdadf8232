package com.xhsgraph.snapshot;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.Management;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Reads of the snapshots are batched: the same field of every item of a list (each note's comment page, each
 * connection's stored count, each note's history) is one database read, however many items there are.
 */
@QuarkusTest
@ConnectWireMock
class SnapshotBatchingTest extends GraphTestBase {

    private static final Pattern READS = Pattern.compile(
            "xhs_snapshot_db_seconds_count\\{[^}]*kind=\"read\"[^}]*outcome=\"ok\"[^}]*} ([0-9.]+)");
    private static final String USER_ID = id("5c2f338a", 401);

    @Test
    void oneReadPerFieldOfAListHoweverManyItems() {
        List<String> notes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            notes.add(id("65bf5360", 400 + i));
        }
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, notes, false, true)));
        for (int i = 0; i < notes.size(); i++) {
            upstream.comments(notes.get(i), null, json(Fixtures.commentPage(notes.get(i),
                    List.of(id("65bf56d3", 410 + 2 * i), id("65bf56d3", 411 + 2 * i)), false, "", 2, 0)));
        }
        String query = """
                query($id: String!) {
                  user(id: $id) {
                    notes(first: 5) {
                      storedCount
                      nodes { history { likeCount } comments(first: 2) { storedCount nodes { content } } }
                    }
                  }
                }
                """;
        JsonPath fetched = GraphQLClient.post(query, Map.of("id", USER_ID)).jsonPath();
        assertThat(fetched.getList("errors")).as(fetched.prettify()).isNull();
        assertThat(upstream.totalCalls()).isEqualTo(6);

        snapshots.forgetCached();
        double before = reads();
        JsonPath stored = GraphQLClient.post(query, Map.of("id", USER_ID)).jsonPath();
        double after = reads();

        assertThat(stored.getList("errors")).as(stored.prettify()).isNull();
        assertThat(stored.getList("data.user.notes.nodes")).hasSize(5);
        assertThat(stored.getList("data.user.notes.nodes.comments.storedCount")).containsOnly(2);
        assertThat(stored.getInt("extensions.upstream.calls")).isZero();
        assertThat(upstream.totalCalls()).as("all from the snapshots").isEqualTo(6);
        // the note page; then, for the 5 notes at once, their histories and their comment pages; then the stored counts
        // of the 5 comment connections and of the note connection
        assertThat(after - before).as("database reads").isLessThanOrEqualTo(5);
    }

    private static double reads() {
        String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = READS.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
