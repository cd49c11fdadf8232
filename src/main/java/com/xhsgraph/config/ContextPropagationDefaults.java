package com.xhsgraph.config;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Which thread contexts Mutiny and CompletableFuture callbacks leave alone ({@code mp.context.ThreadContext.unchanged}),
 * decided from whether tracing is on.
 * <p>
 * Every callback captures and restores each propagated context. There is never a JTA transaction to carry (Hibernate
 * Reactive transactions are not JTA), and the OpenTelemetry context only matters when tracing is switched on
 * ({@code QUARKUS_OTEL_SDK_DISABLED=false}); restoring it rebuilds the logging MDC each time, which profiling showed
 * to be a large share of a nested query's work with tracing off. So: {@code Transaction} always, and
 * {@code OpenTelemetry} too while tracing is off. The value set here has a low ordinal: setting the property in any
 * other source overrides it.
 */
public class ContextPropagationDefaults implements ConfigSourceFactory {

    static final String PROPERTY = "mp.context.ThreadContext.unchanged";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(Map.of(PROPERTY, unchanged(tracingOn(context))),
                "xhs-graph context propagation defaults", 50));
    }

    static String unchanged(boolean tracingOn) {
        return tracingOn ? "Transaction" : "Transaction,OpenTelemetry";
    }

    private static boolean tracingOn(ConfigSourceContext context) {
        ConfigValue disabled = context.getValue("quarkus.otel.sdk.disabled");
        return disabled != null && disabled.getValue() != null && !Boolean.parseBoolean(disabled.getValue().trim());
    }
}
