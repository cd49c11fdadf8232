package com.xhsgraph.graphql.execution;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.smallrye.graphql.spi.EventingService;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;

/**
 * Executes exactly the document the gate checked: the gate parses and validates each request's document once (its
 * cache is bounded by bytes) and hands the result to execution in the request's GraphQL context, and this provider,
 * installed in place of SmallRye GraphQL's own document cache (which is bounded by entries only, 2,048 documents of any
 * size), gives graphql-java that document instead of parsing and validating the text again. A request that did not
 * come through the gate (none does today) is parsed and validated as graphql-java does by default, and cached nowhere.
 * <p>
 * A SmallRye GraphQL eventing service (registered in {@code META-INF/services}), switched by {@value #ENABLED}.
 * {@code SmallRyeHooksContractTest} fails if SmallRye stops passing the request's metadata into the GraphQL context or
 * stops letting an eventing service replace the provider.
 */
public class CheckedDocuments implements EventingService, PreparsedDocumentProvider {

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

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Object checked = input.getGraphQLContext().get(KEY);
        if (checked instanceof Document document) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(document));
        }
        return CompletableFuture.completedFuture(parseAndValidate.apply(input));
    }
}
