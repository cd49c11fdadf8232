package com.xhsgraph.graphql.execution;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.vertx.ext.web.RoutingContext;

import graphql.language.Document;

/**
 * Runs a GraphQL request that the gate has read and checked through SmallRye GraphQL's {@link ExecutionService}, the
 * way SmallRye's own HTTP handler does (which this service replaces on {@code /graphql}, so that one reading of the
 * request is both checked and executed): a CDI request context for the request, kept through its asynchronous steps
 * and destroyed when the execution has finished (not when the response ended: a request past its deadline still
 * finishes and stores its calls in flight); the current Vert.x request; and the execution metadata SmallRye's data fetchers
 * read ({@code runBlocking}, {@code httpHeaders}, {@code state}). {@code GraphQLExecutorContractTest} fails if any of
 * that changes in a SmallRye upgrade.
 */
@ApplicationScoped
// CheckedDocuments.install sets a field of SmallRye's ExecutionService
@io.quarkus.runtime.annotations.RegisterForReflection(targets = ExecutionService.class, methods = false)
public class GraphQLExecutor {

    /** Looked up once: {@code Json.create...} looks the provider up on the class path at every call. */
    private static final JsonProvider JSONP = JsonProvider.provider();

    /** The answer of an execution: the GraphQL response object, and whether it carries errors. */
    public record Result(JsonObject body, boolean errors) {}

    /** Keys SmallRye's Quarkus data fetchers read from the execution's GraphQL context. */
    static final String RUN_BLOCKING = "runBlocking";
    static final String HTTP_HEADERS = "httpHeaders";
    static final String STATE = "state";

    private final ExecutionService executionService;
    private final CurrentVertxRequest currentVertxRequest;
    private final CurrentIdentityAssociation identities;

    GraphQLExecutor(ExecutionService executionService, CurrentVertxRequest currentVertxRequest,
            CurrentIdentityAssociation identities) {
        this.executionService = executionService;
        if (org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue(CheckedDocuments.ENABLED, Boolean.class).orElse(false)) {
            CheckedDocuments.install((ExecutionService) io.quarkus.arc.ClientProxy.unwrap(executionService));
        }
        this.currentVertxRequest = currentVertxRequest;
        this.identities = identities;
    }

    /**
     * Executes {@code request} (a GraphQL request object: query, operationName, variables, extensions) for the HTTP
     * request {@code ctx}. {@code started} runs first, inside the request's CDI context; then {@code done} gets the
     * result or {@code failed} the failure. {@code checked} is the document the gate parsed and validated and
     * {@code fields} the coordinates ({@code Type.field}) its operation may resolve; either may be null.
     */
    public void execute(RoutingContext ctx, String query, Document checked, Set<String> fields, String operationName,
            String variablesJson, String extensionsJson, Runnable started, Consumer<Result> done,
            Consumer<Throwable> failed) {
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = false;
        if (!requestContext.isActive()) {
            requestContext.activate();
            activated = true;
        }
        InjectableContext.ContextState state = requestContext.getState();
        // destroyed when the execution has finished, not when the response ended: a request past its deadline or
        // whose client went away still finishes (and stores) its calls in flight, in its own context
        java.util.concurrent.atomic.AtomicBoolean destroyed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable destroy = () -> {
            if (destroyed.compareAndSet(false, true)) {
                requestContext.destroy(state);
            }
        };
        try {
            currentVertxRequest.setCurrent(ctx);
            // the identity Quarkus Security established for the request, for @RolesAllowed on resolvers (as
            // SmallRye's own handler does)
            if (ctx.user() instanceof QuarkusHttpUser user) {
                identities.setIdentity(user.getSecurityIdentity());
            } else {
                identities.setIdentity(QuarkusHttpUser.getSecurityIdentity(ctx, null));
            }
            started.run();
            JsonObjectBuilder input = JSONP.createObjectBuilder().add("query", query);
            if (operationName != null) {
                input.add("operationName", operationName);
            }
            input.add("variables", object(variablesJson));
            input.add("extensions", object(extensionsJson));
            Map<String, Object> metadata = metadata(ctx, state);
            if (checked != null) {
                metadata.put(CheckedDocuments.KEY, checked);
            }
            if (fields != null) {
                metadata.put(UsedDataLoaders.KEY, fields);
            }
            ExecutionResponseWriter writer = new ExecutionResponseWriter() {
                @Override
                public void write(ExecutionResponse response) {
                    try {
                        done.accept(new Result(response.getExecutionResultAsJsonObject(),
                                !response.getExecutionResult().getErrors().isEmpty()));
                    } finally {
                        destroy.run();
                    }
                }

                @Override
                public void fail(Throwable failure) {
                    try {
                        failed.accept(failure);
                    } finally {
                        destroy.run();
                    }
                }
            };
            JsonObject request = input.build();
            CheckedDocuments.during(query, checked,
                    () -> executionService.executeAsync(request, metadata, writer));
        } catch (RuntimeException e) {
            try {
                failed.accept(e);
            } finally {
                destroy.run();
            }
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
        }
    }

    private static JsonObject object(String json) {
        try (JsonReader reader = JSONP.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static Map<String, Object> metadata(RoutingContext ctx, InjectableContext.ContextState state) {
        Map<String, Object> metadata = new ConcurrentHashMap<>();
        metadata.put(RUN_BLOCKING, false);
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : ctx.request().headers().names()) {
            headers.put(name, ctx.request().headers().getAll(name));
        }
        metadata.put(HTTP_HEADERS, headers);
        metadata.put(STATE, state);
        return metadata;
    }
}
