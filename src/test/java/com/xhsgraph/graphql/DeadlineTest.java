package com.xhsgraph.graphql;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.COMMENTS;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.Management;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Every request has a deadline, and a client that goes away stops its own work: with a deadline of 1 s, an upstream
 * that answers in 1.7 s yields DEADLINE_EXCEEDED (HTTP 504) in time, the call in flight still finishes and is stored, and
 * no further call starts for that request.
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(DeadlineTest.ShortDeadline.class)
class DeadlineTest extends GraphTestBase {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xhs.graph.request-timeout", "1s", "xhs.upstream.retry.max-attempts", "1");
        }
    }

    private static final String USER_ID = id("5c2f338a", 70);
    private static final String NESTED = """
            query($id: String!) { user(id: $id) { notes(first: 2) { nodes { comments(first: 2) { nodes { xhsId } } } } } }
            """;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private List<String> layOutNotes(int noteDelayMs) {
        List<String> notes = List.of(id("6a7e9ff6", 71), id("6a7e9ff6", 72));
        upstream.notes(USER_ID, null, json(Fixtures.notePage(USER_ID, notes, false, true))
                .withFixedDelay(noteDelayMs));
        for (String note : notes) {
            upstream.comments(note, null, json(Fixtures.commentPage(note, List.of(id("69b2c1d0", 1)), false, "", 1,
                    0)));
        }
        return notes;
    }

    @Test
    void aSlowUpstreamYieldsATypedAnswerInTimeAndItsCallIsStoredForTheNextRequest() throws Exception {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 5)).withFixedDelay(1700));

        long started = System.nanoTime();
        Response late = GraphQLClient.postAs(GraphQLClient.ADMIN_KEY,
                "query($id: String!) { user(id: $id) { nickname } }", Map.of("id", USER_ID));
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(late.statusCode()).isEqualTo(504);
        assertThat(late.jsonPath().getString("errors[0].extensions.code")).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(tookMs).as("answered at the deadline, not when the upstream did").isLessThan(1600);

        // the call in flight finishes and is stored: the next request is served without a new call
        Thread.sleep(2500);
        Response next = GraphQLClient.post("query($id: String!) { user(id: $id) { nickname } }",
                Map.of("id", USER_ID));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.jsonPath().getString("data.user.nickname")).isNotBlank();
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }

    @Test
    void pastTheDeadlineNoNewCallStarts() throws Exception {
        layOutNotes(1600);

        Response late = GraphQLClient.postAs(GraphQLClient.ADMIN_KEY, NESTED, Map.of("id", USER_ID));
        assertThat(late.statusCode()).isEqualTo(504);
        Thread.sleep(2500);

        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS)).as("the comment pages were never started").isZero();
        assertThat(slotsInUse()).as("the slot is released once the work has stopped").isZero();
    }

    @Test
    void aClientThatDisconnectsStopsItsOwnWork() throws Exception {
        layOutNotes(1500);
        String body = Fixtures.JSON.writeValueAsString(Map.of("query", NESTED, "variables", Map.of("id", USER_ID)));
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (upstream.calls(NOTES) == 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        }
        // the client is gone while the note page is in flight
        Thread.sleep(2500);

        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS)).as("no call starts for a client that went away").isZero();
        assertThat(slotsInUse()).isZero();

        // the note page it paid for is stored: the same query now pays only for the comments
        Response again = GraphQLClient.post(NESTED, Map.of("id", USER_ID));
        assertThat(again.jsonPath().getList("data.user.notes.nodes")).hasSize(2);
        assertThat(upstream.calls(NOTES)).isEqualTo(1);
        assertThat(upstream.calls(COMMENTS)).isEqualTo(2);
    }

    private static double slotsInUse() {
        String metrics = Management.given().when().get("/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("xhs_graphql_queries_running"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
