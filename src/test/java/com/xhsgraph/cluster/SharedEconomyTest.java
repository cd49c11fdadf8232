package com.xhsgraph.cluster;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.USER;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * One instance against the state other instances leave in PostgreSQL, written here as they would write it: a call
 * another instance is making is waited for, not paid again, and its failure is taken over; a lease whose holder died
 * is taken over once it expires; a breaker another instance opened stops this one; a bucket other instances drained
 * makes this one wait or refuse. Every case counts the upstream calls exactly. (The cluster test runs three real
 * instances; this one reaches the cases that need an instance to die or to be slow at a chosen moment.)
 */
@QuarkusTest
@ConnectWireMock
class SharedEconomyTest extends GraphTestBase {

    private static final String PROFILE = "query($id: String!) { user(id: $id, maxAge: 0) { nickname } }";

    private static String leaseKey(String userId) {
        return new CallKey(Endpoint.USER, userId, null, null, null).toString();
    }

    private void leaseHeldElsewhere(String userId, String expiresIn) {
        db.execute("INSERT INTO xhs_call_lease (call_key, owner, expires_at) VALUES ('" + leaseKey(userId)
                + "', 'elsewhere:1/dead0000', clock_timestamp() + interval '" + expiresIn + "')");
    }

    /** A user the stubbed upstream has a profile of. */
    private String knownUser(int n) {
        String userId = id("5c2f338a", n);
        upstream.user(userId, json(Fixtures.profile(userId, 10)));
        return userId;
    }

    private static JsonPath profile(String userId) {
        return GraphQLClient.post(PROFILE, Map.of("id", userId)).jsonPath();
    }

    private static CompletableFuture<JsonPath> profileLater(String userId) {
        return CompletableFuture.supplyAsync(() -> profile(userId), GraphQLClient.AT_ONCE);
    }

    @Test
    void aCallAnotherInstanceIsMakingIsWaitedForAndItsFailureTakenOverWithoutACall() throws Exception {
        String userId = knownUser(7001);
        leaseHeldElsewhere(userId, "30 seconds");

        CompletableFuture<JsonPath> waiting = profileLater(userId);
        Thread.sleep(400);
        assertThat(waiting).as("waits while the other instance's call is in flight").isNotDone();
        assertThat(upstream.calls(USER)).isZero();

        // the other instance's call ends: the upstream had no such user
        db.execute("UPDATE xhs_call_lease SET finished_at = clock_timestamp(), failure_kind = 'NOT_FOUND', "
                + "failure_code = 0, failure_message = 'Just One API has no such item' WHERE call_key = '"
                + leaseKey(userId) + "'");
        JsonPath answer = waiting.get(10, TimeUnit.SECONDS);
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        assertThat(answer.getInt("extensions.upstream.calls")).isZero();
        assertThat(upstream.calls(USER)).as("the failure is not paid for twice").isZero();
    }

    @Test
    void aCallAnotherInstanceStoredIsServedFromTheSnapshotWithoutACall() throws Exception {
        String userId = knownUser(7002);
        leaseHeldElsewhere(userId, "30 seconds");

        CompletableFuture<JsonPath> waiting = profileLater(userId);
        Thread.sleep(300);
        assertThat(upstream.calls(USER)).isZero();

        // the other instance gives its lease up without having stored anything (its write failed)
        db.execute("DELETE FROM xhs_call_lease WHERE call_key = '" + leaseKey(userId) + "'");
        JsonPath answer = waiting.get(10, TimeUnit.SECONDS);
        // nothing newer was stored: the waiter takes the lease and calls, once
        assertThat(answer.getString("data.user.nickname")).isNotBlank();
        assertThat(upstream.calls(USER)).isEqualTo(1);

        // the same call held elsewhere again; this time the other instance stores a newer profile, then lets go: it is
        // served, with no call
        snapshots.forgetCached();
        leaseHeldElsewhere(userId, "30 seconds");
        CompletableFuture<JsonPath> second = profileLater(userId);
        Thread.sleep(300);
        db.execute("UPDATE xhs_user SET profile_fetched_at = clock_timestamp() WHERE xhs_id = '" + userId + "'");
        db.execute("DELETE FROM xhs_call_lease WHERE call_key = '" + leaseKey(userId) + "'");
        JsonPath served = second.get(10, TimeUnit.SECONDS);
        assertThat(served.getString("data.user.nickname")).isNotBlank();
        assertThat(served.getInt("extensions.upstream.calls")).isZero();
        assertThat(served.getInt("extensions.upstream.savedBySingleFlight")).isEqualTo(1);
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }

    @Test
    void aLeaseWhoseHolderDiedIsTakenOverWhenItExpires() throws Exception {
        String userId = knownUser(7003);
        leaseHeldElsewhere(userId, "1 second");

        long start = System.nanoTime();
        JsonPath answer = profileLater(userId).get(20, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(answer.getString("data.user.nickname")).isNotBlank();
        assertThat(upstream.calls(USER)).isEqualTo(1);
        assertThat(waited).as("waited for the dead holder's lease to expire, ms").isBetween(500L, 10_000L);
    }

    @Inject
    CallLeases leases;

    @Test
    void theLeasesThisInstanceKnowsItHoldsAreRenewedAndOnlyThose() {
        String mine = "test|renewed|" + System.nanoTime();
        String lost = "test|lost|" + System.nanoTime();
        assertThat(leases.acquire(mine).await().atMost(Duration.ofSeconds(5))).isTrue();
        // a row of this instance whose taking it never heard of (the answer was lost): left to expire
        db.execute("INSERT INTO xhs_call_lease (call_key, owner, expires_at) VALUES ('" + lost + "', '"
                + leases.owner() + "', clock_timestamp() + interval '2 seconds')");
        db.execute("UPDATE xhs_call_lease SET expires_at = clock_timestamp() + interval '2 seconds' WHERE call_key = '"
                + mine + "'");

        leases.renew().await().atMost(Duration.ofSeconds(5));
        String renewed = "SELECT count(*) FROM xhs_call_lease WHERE call_key = ? "
                + "AND expires_at > clock_timestamp() + interval '10 seconds'";
        assertThat(db.count(renewed, mine)).as("held: renewed for the lease's time to live (15 s)").isEqualTo(1);
        assertThat(db.count(renewed, lost)).as("not known to be held: not renewed").isZero();

        leases.succeeded(mine).await().atMost(Duration.ofSeconds(5));
        assertThat(db.count("SELECT count(*) FROM xhs_call_lease WHERE call_key = ?", mine)).isZero();
    }

    @Test
    void aDatabaseThatHangsDoesNotHoldTheCallItOnlyCoordinates() throws Exception {
        String userId = knownUser(7007);
        db.execute("INSERT INTO xhs_rate_bucket (endpoint, tokens, updated_at) VALUES ('user', 5, clock_timestamp())");
        // another session holds the bucket row: the shared rate-limit statement waits for it
        try (java.sql.Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement lock = holder.createStatement()) {
                lock.execute("SELECT * FROM xhs_rate_bucket WHERE endpoint = 'user' FOR UPDATE");
            }
            long start = System.nanoTime();
            JsonPath answer = profile(userId);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            holder.rollback();
            assertThat(answer.getString("data.user.nickname")).as(answer::prettify).isNotBlank();
            assertThat(upstream.calls(USER)).as("called under this instance's own rate limit").isEqualTo(1);
            assertThat(took).as("gave up on the shared statement after 2 s (the test profile's bound), ms")
                    .isBetween(1_900L, 8_000L);
        }
    }

    @Test
    void aBreakerAnotherInstanceOpenedStopsThisOneAtOnce() {
        String userId = knownUser(7004);
        db.execute("INSERT INTO xhs_breaker (id, kind, code, message, open_until) VALUES (1, 'BALANCE_EXHAUSTED', "
                + "601, 'the Just One API balance is exhausted (code 601)', clock_timestamp() + interval '1 minute')");

        JsonPath answer = profile(userId);
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_BALANCE_EXHAUSTED");
        assertThat(answer.getString("errors[0].message")).contains("not calling again for");
        assertThat(upstream.calls(USER)).isZero();

        db.execute("DELETE FROM xhs_breaker");
        JsonPath resumed = profile(userId);
        assertThat(resumed.getString("data.user.nickname")).isNotBlank();
        assertThat(upstream.calls(USER)).isEqualTo(1);
    }

    @Test
    void aBucketOtherInstancesDrainedRefusesWhatWouldWaitTooLong() {
        String userId = knownUser(7005);
        // other instances reserved far more than the maximum wait allows at the configured rate
        db.execute("INSERT INTO xhs_rate_bucket (endpoint, tokens, updated_at) VALUES ('user', -100000, "
                + "clock_timestamp())");

        JsonPath answer = profile(userId);
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("UPSTREAM_RATE_LIMITED");
        assertThat(upstream.calls(USER)).isZero();
        assertThat(db.count("SELECT count(*) FROM xhs_rate_bucket WHERE endpoint = 'user' AND tokens = -100000"))
                .as("a refused call takes no token").isEqualTo(1);
    }

    @Test
    void everyCallIsCountedInTheDatabaseBeforeItsAnswerIsServed() {
        String userId = knownUser(7006);
        long before = db.count("SELECT COALESCE(sum(billed), 0) FROM xhs_upstream_usage WHERE endpoint = ?",
                Endpoint.USER.path());

        JsonPath answer = profile(userId);
        assertThat(answer.getInt("extensions.upstream.billed")).isEqualTo(1);
        // no flush: the row was written before the response
        assertThat(db.count("SELECT COALESCE(sum(billed), 0) FROM xhs_upstream_usage WHERE endpoint = ?",
                Endpoint.USER.path())).isEqualTo(before + 1);
    }
}
