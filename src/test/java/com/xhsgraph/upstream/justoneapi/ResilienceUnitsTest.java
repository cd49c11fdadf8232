package com.xhsgraph.upstream.justoneapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.UpstreamException;
import com.xhsgraph.service.model.UpstreamException.Kind;

/** The token bucket, the breaker and the retry rules, with time given explicitly. */
class ResilienceUnitsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aBucketLetsItsBurstThroughThenSpacesCallsAtItsRate() {
        TokenBucket bucket = new TokenBucket(4, 2, 0);
        assertThat(bucket.reserve(0, SECOND)).isZero();
        assertThat(bucket.reserve(0, SECOND)).isZero();
        assertThat(bucket.reserve(0, SECOND)).isEqualTo(SECOND / 4);
        assertThat(bucket.reserve(0, SECOND)).isEqualTo(SECOND / 2);
        // a wait beyond the bound takes no token and says so
        assertThat(bucket.reserve(0, SECOND / 2)).isEqualTo(-1);
        // a second later the debt of two tokens is repaid and two more are earned
        assertThat(bucket.reserve(SECOND, SECOND)).isZero();
    }

    @Test
    void a302DrainsTheBucketSoThatTheRetryWaitsForATokenAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);
        bucket.drain(0);
        assertThat(bucket.reserve(0, SECOND)).isEqualTo(SECOND / 10);
    }

    @Test
    void theBreakerOpensOnAccountFailuresOnlyAndClosesAfterItsCoolDown() {
        AccountBreaker breaker = new AccountBreaker(60 * SECOND);
        breaker.onResult(new UpstreamException(Kind.UNAVAILABLE, Endpoint.USER, 301, "x"), 0);
        breaker.onResult(new UpstreamException(Kind.RATE_LIMITED, Endpoint.USER, 302, "x"), 0);
        assertThat(breaker.rejection(Endpoint.USER, 0)).isNull();

        breaker.onResult(new UpstreamException(Kind.BALANCE_EXHAUSTED, Endpoint.USER, 601, "balance"), 0);
        UpstreamException rejection = breaker.rejection(Endpoint.NOTE_DETAIL, 10 * SECOND);
        assertThat(rejection.kind()).isEqualTo(Kind.BALANCE_EXHAUSTED);
        assertThat(rejection.upstreamCode()).isEqualTo(601);
        assertThat(rejection.getMessage()).contains("not calling again for 50 s");
        assertThat(breaker.isOpen(10 * SECOND)).isTrue();

        assertThat(breaker.rejection(Endpoint.USER, 61 * SECOND)).as("cool-down over: try again").isNull();
        breaker.onResult(null, 61 * SECOND);
        assertThat(breaker.isOpen(62 * SECOND)).isFalse();
    }

    @Test
    void onlyFailuresThatWereNotBilledAndMaySucceedAgainAreRetried() {
        assertThat(new UpstreamException(Kind.UNAVAILABLE, Endpoint.USER, 301, 200, "x").retryable()).isTrue();
        assertThat(new UpstreamException(Kind.RATE_LIMITED, Endpoint.USER, 302, 429, "x").retryable()).isTrue();
        assertThat(new UpstreamException(Kind.UNAVAILABLE, Endpoint.USER, 500, 500, "x").retryable()).isTrue();
        assertThat(new UpstreamException(Kind.UNAVAILABLE, Endpoint.USER, null, null, "timeout").retryable()).isTrue();
        assertThat(new UpstreamException(Kind.UNAVAILABLE, Endpoint.USER, null, 502, "html").retryable()).isTrue();
        assertThat(new UpstreamException(Kind.RATE_LIMITED, Endpoint.USER, null, 429, "no code").retryable()).isTrue();

        assertThat(new UpstreamException(Kind.UNAVAILABLE, Endpoint.USER, null, 200, "not json").retryable()).isFalse();
        assertThat(new UpstreamException(Kind.RATE_LIMITED, Endpoint.USER, null, null, "local limit").retryable())
                .isFalse();
        for (int code : new int[]{100, 303, 400, 600, 601, 201}) {
            assertThat(new UpstreamException(UpstreamException.kindOf(code), Endpoint.USER, code, 200, "x").retryable())
                    .as("code " + code).isFalse();
        }
    }

    /** A token-bucket wait of a few hundred microseconds made Vert.x refuse the timer: an INTERNAL error. */
    @org.junit.jupiter.api.Test
    void waitsUnderAMillisecondAreRoundedUpForVertxTimers() {
        assertThat(JustOneApiClient.atLeastAMillisecond(java.time.Duration.ofNanos(300_000)))
                .isEqualTo(java.time.Duration.ofMillis(1));
        assertThat(JustOneApiClient.atLeastAMillisecond(java.time.Duration.ofMillis(7)))
                .isEqualTo(java.time.Duration.ofMillis(7));
    }
}
