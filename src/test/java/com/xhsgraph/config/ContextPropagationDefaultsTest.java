package com.xhsgraph.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

@QuarkusTest
class ContextPropagationDefaultsTest {

    @Test
    void theRunningApplicationLeavesTransactionAndOpenTelemetryAloneWhileTracingIsOff() {
        assertEquals("Transaction,OpenTelemetry",
                ConfigProvider.getConfig().getValue(ContextPropagationDefaults.PROPERTY, String.class));
    }

    @Test
    void tracingOnPropagatesTheOpenTelemetryContext() {
        assertEquals("Transaction", unchangedWith(Map.of("quarkus.otel.sdk.disabled", "false")));
        assertEquals("Transaction,OpenTelemetry", unchangedWith(Map.of("quarkus.otel.sdk.disabled", "true")));
        assertEquals("Transaction,OpenTelemetry", unchangedWith(Map.of()));
    }

    @Test
    void anExplicitSettingWins() {
        assertEquals("Transaction,Foo", unchangedWith(Map.of(ContextPropagationDefaults.PROPERTY, "Transaction,Foo")));
    }

    private static String unchangedWith(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withSources(new ContextPropagationDefaults())
                .build();
        return config.getValue(ContextPropagationDefaults.PROPERTY, String.class);
    }
}
