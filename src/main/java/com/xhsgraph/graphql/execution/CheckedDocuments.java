package com.xhsgraph.graphql.execution;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.execution.QueryCache;
import io.smallrye.graphql.spi.EventingService;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;

/**
 * Executes exactly the document the gate checked: the gate parses and validates each request's document once (its
 * cache is bounded by bytes) and hands the result to execution in the request's GraphQL context, and this provider
 * gives it to everything in SmallRye GraphQL and graphql-java that would otherwise parse the text again. A request
 * that did not come through the gate (none does today) is parsed and validated as graphql-java does by default, and
 * cached nowhere.
 * <p>
 * Two places read a document: graphql-java, through the preparsed-document provider, where this class, as a SmallRye
 * GraphQL eventing service (registered in {@code META-INF/services}, switched by {@value #ENABLED}), replaces
 * SmallRye's own cache (bounded by entries only, 2,048 documents of any size); and SmallRye's request context, which
 * reads the document's operation types through the {@link QueryCache} its {@link ExecutionService}
 * made, before it has put the request's metadata into the GraphQL context. That cache only learns a document when
 * graphql-java validates it, which a checked document never is, so it parsed every request's text once more (7 to 8%
 * of a shallow query's work on one core); {@link #install} puts this class in its place, and the executor hands it
 * the document for the duration of its call into SmallRye ({@link #during}). {@code SmallRyeHooksContractTest} fails
 * if SmallRye stops passing the request's metadata into the GraphQL context, stops letting an eventing service
 * replace the provider, or renames the field.
 */
public class CheckedDocuments extends QueryCache implements EventingService {

    /** The configuration key that switches this service on; set in application.properties. */
    static final String ENABLED = "xhs-graph.checked-documents.enabled";

    /** The key of the checked document in the execution's GraphQL context. */
    public static final String KEY = "xhs.checkedDocument";

    @Override
    public String getConfigKey() {
        return ENABLED;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return builder.preparsedDocumentProvider(this);
    }

    /** A checked document and its text, while the executor's thread is inside SmallRye's {@code execute}. */
    private record Pending(String query, Document document) {}

    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Object checked = input.getGraphQLContext().get(KEY);
        if (checked instanceof Document document) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(document));
        }
        Pending pending = PENDING.get();
        if (pending != null && pending.query().equals(input.getQuery())) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(pending.document()));
        }
        return CompletableFuture.completedFuture(parseAndValidate.apply(input));
    }

    /**
     * Runs {@code execution} (a call into SmallRye's {@code execute}) with {@code document} as the checked document of
     * {@code query} on this thread, for SmallRye's reading of it before the GraphQL context has it.
     */
    public static void during(String query, Document document, Runnable execution) {
        if (document == null) {
            execution.run();
            return;
        }
        Pending outer = PENDING.get();
        PENDING.set(new Pending(query, document));
        try {
            execution.run();
        } finally {
            if (outer == null) {
                PENDING.remove();
            } else {
                PENDING.set(outer);
            }
        }
    }

    /**
     * Makes {@code service}'s request context read the checked document rather than parse the text again: sets its
     * private {@code queryCache}, which SmallRye offers no other way to choose (reflection, on an instance field that is
     * final in the source). Where that fails, SmallRye keeps parsing each request once more, which costs time only.
     */
    static void install(ExecutionService service) {
        try {
            java.lang.reflect.Field field = ExecutionService.class.getDeclaredField("queryCache");
            field.setAccessible(true);
            field.set(service, new CheckedDocuments());
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("SmallRye GraphQL will parse each document once more than needed: %s", e.toString());
        }
    }
}
