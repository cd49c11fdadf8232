package com.xhsgraph.graphql.gate;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.config.XhsConfig;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLSchema;

/**
 * Reads a request's document once, before anything executes: parses and validates it against the schema (cached by
 * the text, the cache bounded by the bytes it holds), normalizes the operation execution will run, and estimates its
 * upstream calls.
 */
@ApplicationScoped
public class QueryPlanner {

    /** A parsed document and its validation errors (none for a valid one). */
    private record Checked(Document document, List<GraphQLError> errors) {}

    /** What the gate knows of a request before it runs. */
    public sealed interface Plan {
    }

    /** The document does not parse or validate: executing it reports the errors and resolves nothing. */
    public record Invalid(List<GraphQLError> errors) implements Plan {}

    /** A valid operation: the checked document execution runs, what the operation is and what it may cost. */
    public record Valid(Document document, OperationDefinition.Operation operation, CostEstimator.Estimate estimate)
            implements
                Plan {}

    /** Longest a normalized query may nest, and most fields it may select: a bound on the work of estimating it. */
    static final int MAX_DEPTH = 64;
    static final int MAX_FIELDS = 20_000;

    private final GraphQLSchema schema;
    private final CostEstimator estimator;
    private final Cache<String, Checked> documents;

    QueryPlanner(GraphQLSchema schema, XhsConfig config) {
        this.schema = schema;
        this.estimator = new CostEstimator(schema, config.graph().maxPageSize());
        this.documents = Caffeine.newBuilder().maximumWeight(config.graph().documentCacheBytes())
                .weigher((String query, Checked checked) -> query.length() * 2 + 64).build();
    }

    /**
     * What {@code request} is and may cost.
     *
     * @throws graphql.GraphQLException or another runtime exception when its variables do not fit the operation;
     *         execution reports those the same way, without resolving anything
     */
    public Plan plan(GraphQLRequest request) {
        Checked checked = documents.get(request.query(), this::check);
        if (!checked.errors().isEmpty()) {
            return new Invalid(checked.errors());
        }
        ExecutableNormalizedOperation operation = ExecutableNormalizedOperationFactory
                .createExecutableNormalizedOperationWithRawVariables(schema, checked.document(),
                        request.operationName(), RawVariables.of(request.variables()),
                        ExecutableNormalizedOperationFactory.Options.defaultOptions().maxChildrenDepth(MAX_DEPTH)
                                .maxFieldsCount(MAX_FIELDS));
        return new Valid(checked.document(), operation.getOperation(), estimator.estimate(operation));
    }

    private Checked check(String query) {
        ExecutionInput input = ExecutionInput.newExecutionInput(query).locale(Locale.ENGLISH).build();
        ParseAndValidateResult parsed = ParseAndValidate.parse(input);
        if (parsed.isFailure()) {
            return new Checked(null, parsed.getErrors());
        }
        List<? extends GraphQLError> errors = ParseAndValidate.validate(schema, parsed.getDocument(), Locale.ENGLISH);
        return new Checked(parsed.getDocument(), List.copyOf(errors));
    }
}
