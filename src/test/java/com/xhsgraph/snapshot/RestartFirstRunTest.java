package com.xhsgraph.snapshot;

import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * First half of the restart test: fetches a profile into an embedded PostgreSQL whose data directory is fixed.
 * {@link RestartSecondRunTest} starts the application again on the same directory (test profiles run in the order of
 * their names, and each profile is a fresh start).
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(RestartFirstRunTest.Profile.class)
class RestartFirstRunTest extends GraphTestBase {

    static final String DATA_DIR = "target/restart-test-pgdata";
    static final String USER_ID = Fixtures.id("5c2f338a", 81);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.embedded.postgresql.data.dir", DATA_DIR);
        }
    }

    @Test
    void fetchesAProfileIntoTheFixedDataDirectory() {
        upstream.user(USER_ID, json(Fixtures.profile(USER_ID, 4321)));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { followerCount } }
                """, Map.of("id", USER_ID)).jsonPath();

        assertThat(body.getInt("data.user.followerCount")).isEqualTo(4321);
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }
}
