package com.xhsgraph.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.GraphQLClient;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Second half of the restart test: a new start of the application on the data directory {@link RestartFirstRunTest}
 * wrote, offline, so that the answer can only come from what survived the restart.
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(RestartSecondRunTest.Profile.class)
class RestartSecondRunTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.embedded.postgresql.data.dir", RestartFirstRunTest.DATA_DIR,
                    "xhs.snapshots.offline", "true");
        }
    }

    @Test
    void theSnapshotSurvivedTheRestart() {
        JsonPath body = GraphQLClient.post("""
                query($id: String!) { user(id: $id) { followerCount source } }
                """, Map.of("id", RestartFirstRunTest.USER_ID)).jsonPath();

        assertThat(body.getList("errors")).as(body.prettify()).isNull();
        assertThat(body.getInt("data.user.followerCount")).isEqualTo(4321);
        assertThat(body.getString("data.user.source")).isEqualTo("SNAPSHOT");
    }
}
