package com.xhsgraph.graphql;

import java.util.Map;
import java.util.function.Function;

import com.xhsgraph.service.RequestLedger;

import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.spi.EventingService;

import graphql.ExecutionResult;

/**
 * Adds to each response what it cost, {@code extensions.upstream} (upstream calls made, billed, retried, and saved by
 * single flight and by snapshots), and what the client should know about the data it got that is not an error,
 * {@code extensions.warnings} (a stale snapshot served because the upstream failed, data that could not be stored).
 * <p>
 * It is a SmallRye GraphQL eventing service (registered in {@code META-INF/services}) rather than a CDI observer of
 * the after-execute event: turning CDI events on would fire several CDI events for every field of every response.
 */
public class ResponseExtensions implements EventingService {

    /** The configuration key that switches this service on; set in application.properties. */
    static final String ENABLED = "xhs-graph.response-extensions.enabled";

    @Override
    public String getConfigKey() {
        return ENABLED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterExecute(Context context) {
        if (!(context instanceof SmallRyeContext smallRye) || !Arc.container().requestContext().isActive()) {
            return;
        }
        // looked up by name and used through a JDK interface: this service outlives application restarts in tests
        // (SmallRye keeps it in a static), so it must not hold on to classes of an earlier start
        try {
            Object ledger = Arc.container().instance(RequestLedger.BEAN_NAME).get();
            ExecutionResult result = smallRye.unwrap(ExecutionResult.class);
            boolean hadErrors = result != null && !result.getErrors().isEmpty();
            if (ledger instanceof Function<?, ?> finish) {
                ((Function<Boolean, Map<String, Object>>) finish).apply(hadErrors).forEach(smallRye::addExtension);
            }
        } catch (RuntimeException e) {
            // a failure here would keep the response from being written at all
            Log.warnf("Could not add the response extensions: %s", e.toString());
        }
    }
}
