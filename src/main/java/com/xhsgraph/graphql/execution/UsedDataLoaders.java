package com.xhsgraph.graphql.execution;

import java.util.List;
import java.util.Set;

import org.dataloader.DataLoaderRegistry;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Leaves in a request's data loader registry only the loaders of the fields its operation selects.
 * <p>
 * SmallRye GraphQL registers a data loader for every batched field of the schema (47 here) on every request, and
 * graphql-java dispatches each registered loader at every level of the result, empty or not: for a shallow query of 3
 * batched fields, that was a tenth of its work on one core. The gate knows, from the normalized operation, which fields
 * can run ({@code Type.field}, fragments expanded and {@code @skip}/{@code @include} applied); just before execution
 * this drops the loaders of every other batched field. A request that did not come through the gate keeps them all.
 * <p>
 * A SmallRye GraphQL eventing service (registered in {@code META-INF/services}), switched by {@value #ENABLED}.
 * SmallRye names a loader {@code Type_field}; {@code SmallRyeHooksContractTest} fails if it stops doing so.
 */
public class UsedDataLoaders implements EventingService {

    /** The configuration key that switches this service on; set in application.properties. */
    static final String ENABLED = "xhs-graph.used-data-loaders.enabled";

    /** The key of the selected fields' coordinates ({@code Type.field}) in the execution's GraphQL context. */
    public static final String KEY = "xhs.selectedFields";

    @Override
    public String getConfigKey() {
        return ENABLED;
    }

    @Override
    public void beforeExecute(Context context) {
        if (context instanceof SmallRyeContext smallRye && smallRye.getExecutionInput() != null
                && smallRye.getExecutionInput().getGraphQLContext().get(KEY) instanceof Set<?> selected) {
            keepOnly(smallRye.getExecutionInput().getDataLoaderRegistry(), selected);
        }
    }

    /** Unregisters from {@code registry} every loader named {@code Type_field} whose field is not {@code selected}. */
    static void keepOnly(DataLoaderRegistry registry, Set<?> selected) {
        if (registry == null) {
            return;
        }
        for (String key : List.copyOf(registry.getKeys())) {
            int separator = key.indexOf('_');
            if (separator > 0 && !selected.contains(key.substring(0, separator) + "." + key.substring(separator + 1))) {
                registry.unregister(key);
            }
        }
    }
}
