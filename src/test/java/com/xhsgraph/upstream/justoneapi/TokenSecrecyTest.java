package com.xhsgraph.upstream.justoneapi;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.TOKEN;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.Management;
import com.xhsgraph.support.RecordedSpans;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The upstream token appears nowhere, with tracing switched on: not in a span (the client span's {@code url.full}
 * included), a log line, a metric, or an error a client sees.
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(TokenSecrecyTest.Traced.class)
class TokenSecrecyTest extends GraphTestBase {

    static final Path LOG = Path.of("target", "token-secrecy.log");

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.traces.sampler", "always_on",
                    "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.category.\"com.xhsgraph\".level", "DEBUG",
                    "quarkus.http.access-log.enabled", "true",
                    "xhs.upstream.retry.max-attempts", "2");
        }
    }

    @Inject
    RecordedSpans recorded;

    @Test
    void theTokenIsInNoSpanLogMetricOrError() throws Exception {
        String ok = id("5c2f338a", 80);
        String refused = id("5c2f338a", 81);
        String broken = id("5c2f338a", 82);
        upstream.user(ok, json(Fixtures.profile(ok, 3)));
        upstream.user(refused, json(Fixtures.error(100, "token invalid: " + TOKEN)));
        upstream.user(broken, json("<html>502 for /get-user/v3?token=" + TOKEN + "</html>"));
        recorded.clear();

        StringBuilder answers = new StringBuilder();
        for (String user : List.of(ok, refused, broken)) {
            answers.append(GraphQLClient.post("query($id: String!) { user(id: $id) { nickname } }",
                    Map.of("id", user)).asString());
        }
        assertThat(answers.toString()).contains("UPSTREAM_AUTH").doesNotContain(TOKEN);

        List<SpanData> clientSpans = waitForClientSpans(3);
        for (SpanData span : recorded.spans()) {
            assertThat(span.getName()).doesNotContain(TOKEN);
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                    .as(span.getName() + " " + key).doesNotContain(TOKEN));
            span.getEvents().forEach(event -> event.getAttributes().forEach((key, value) -> assertThat(
                    String.valueOf(value)).as(span.getName() + " event " + key).doesNotContain(TOKEN)));
        }
        assertThat(clientSpans).anySatisfy(span -> assertThat(span.getAttributes()
                .get(AttributeKey.stringKey("url.full"))).contains("token=***").contains("userId="));

        assertThat(Management.given().when().get("/q/metrics").asString()).doesNotContain(TOKEN);
        assertThat(Files.readString(LOG)).contains("get-user").doesNotContain(TOKEN);
    }

    private List<SpanData> waitForClientSpans(int atLeast) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<SpanData> client = List.of();
        while (System.nanoTime() < until) {
            client = recorded.spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                    .filter(s -> s.getAttributes().get(AttributeKey.stringKey("url.full")) != null).toList();
            if (client.size() >= atLeast) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(client).as("client spans of the upstream calls").hasSizeGreaterThanOrEqualTo(atLeast);
        return client;
    }
}
