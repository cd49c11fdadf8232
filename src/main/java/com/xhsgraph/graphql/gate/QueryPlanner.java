package com.xhsgraph.graphql.gate;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.config.XhsConfig;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphQLException;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
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

    /**
     * A valid operation: the checked document execution runs, what the operation is, what it may cost, and the fields
     * it may resolve ({@code Type.field}, for each object type a field may be resolved on).
     */
    public record Valid(Document document, OperationDefinition.Operation operation, CostEstimator.Estimate estimate,
            Set<String> fields) implements Plan {}

    /**
     * The document nests deeper or selects more fields than this service accepts ({@code xhs.graph.max-depth},
     * {@code xhs.graph.max-fields}): refused before anything runs, as a bad request.
     */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private final GraphQLSchema schema;
    private final CostEstimator estimator;
    private final Cache<String, Checked> documents;
    private final int maxDepth;
    private final int maxFields;

    QueryPlanner(GraphQLSchema schema, XhsConfig config) {
        this.schema = schema;
        this.maxDepth = config.graph().maxDepth();
        this.maxFields = config.graph().maxFields();
        this.estimator = new CostEstimator(schema, config.graph().maxPageSize());
        this.documents = Caffeine.newBuilder().maximumWeight(config.graph().documentCacheBytes())
                .weigher((String query, Checked checked) -> query.length() * 2 + 64).build();
    }

    /**
     * What {@code request} is and may cost.
     *
     * The depth and field limits are checked here, on the normalized operation (fragments expanded, {@code @skip} and
     * {@code @include} applied, repeated selections merged): it is built for the estimate anyway, and checking it
     * here, rather than with SmallRye's depth and complexity instrumentations, spares every query two more walks of
     * its document and the instrumentation chain on each of its fields.
     *
     * @throws TooLarge when it nests deeper or selects more fields than accepted
     * @throws graphql.GraphQLException or another runtime exception when its variables do not fit the operation;
     *         execution reports those the same way, without resolving anything
     */
    public Plan plan(GraphQLRequest request) {
        Checked checked = documents.get(request.query(), this::check);
        if (!checked.errors().isEmpty()) {
            return new Invalid(checked.errors());
        }
        ExecutableNormalizedOperation operation;
        try {
            operation = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                    schema, checked.document(), request.operationName(),
                    RawVariables.of(strictInts(checked.document(), request)),
                    ExecutableNormalizedOperationFactory.Options.defaultOptions().maxChildrenDepth(maxDepth)
                            .maxFieldsCount(maxFields));
        } catch (AbortExecutionException e) {
            // the factory stops at the first field past a limit; its message says which limit
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            throw new TooLarge(message.contains("depth")
                    ? "The query nests more than " + maxDepth + " fields deep, the most this service accepts"
                    : "The query selects more than " + maxFields
                            + " fields (fragments expanded), the most this service accepts");
        }
        return new Valid(checked.document(), operation.getOperation(), estimator.estimate(operation),
                fields(operation));
    }

    /** The coordinates ({@code Type.field}) of every field {@code operation} may resolve. */
    private static Set<String> fields(ExecutableNormalizedOperation operation) {
        Set<String> fields = new HashSet<>();
        ArrayDeque<ExecutableNormalizedField> pending = new ArrayDeque<>(operation.getTopLevelFields());
        while (!pending.isEmpty()) {
            ExecutableNormalizedField field = pending.pop();
            for (String type : field.getObjectTypeNames()) {
                fields.add(type + "." + field.getName());
            }
            pending.addAll(field.getChildren());
        }
        return fields;
    }

    /**
     * The request's variables, after checking that every value given for an {@code Int} variable is a whole number
     * in Int's range: the schema's Int reads 2.5 or 1e308 as nothing where execution refuses them, so the estimate
     * would count a {@code first} of 0 for a query execution may read otherwise.
     *
     * @throws GraphQLException when one is not
     */
    private static java.util.Map<String, Object> strictInts(Document document, GraphQLRequest request) {
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (request.operationName() != null && !request.operationName().equals(operation.getName())) {
                continue;
            }
            for (graphql.language.VariableDefinition variable : operation.getVariableDefinitions()) {
                if ("Int".equals(graphql.schema.idl.TypeUtil.unwrapAll(variable.getType()).getName())) {
                    checkInt(variable.getName(), request.variables().get(variable.getName()));
                }
            }
        }
        return request.variables();
    }

    private static void checkInt(String name, Object value) {
        if (value instanceof java.util.Collection<?> list) {
            list.forEach(v -> checkInt(name, v));
        } else if (value instanceof Number n) {
            java.math.BigDecimal decimal = new java.math.BigDecimal(n.toString());
            if (decimal.stripTrailingZeros().scale() > 0
                    || decimal.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                    || decimal.compareTo(java.math.BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
                throw new GraphQLException("Variable '" + name + "' has an invalid value: " + n
                        + " is not an Int (a whole number between -2^31 and 2^31-1)");
            }
        }
    }

    private Checked check(String query) {
        ExecutionInput input = ExecutionInput.newExecutionInput(query).locale(Locale.ENGLISH).build();
        ParseAndValidateResult parsed = ParseAndValidate.parse(input);
        if (parsed.isFailure()) {
            return new Checked(null, parsed.getErrors());
        }
        List<GraphQLError> errors = new java.util.ArrayList<>(
                ParseAndValidate.validate(schema, parsed.getDocument(), Locale.ENGLISH));
        if (errors.isEmpty()) {
            errors.addAll(intLiteralsOutOfRange(parsed.getDocument()));
        }
        return new Checked(parsed.getDocument(), List.copyOf(errors));
    }

    /**
     * Int literals beyond Int's range: the schema's Int would wrap them around ({@code first: 4294967297} read as 1)
     * rather than refuse them. The schema has no Float arguments, so every integer literal is an Int.
     */
    private static List<GraphQLError> intLiteralsOutOfRange(Document document) {
        List<GraphQLError> errors = new java.util.ArrayList<>();
        new graphql.language.NodeTraverser().depthFirst(new graphql.language.NodeVisitorStub() {
            @Override
            public graphql.util.TraversalControl visitIntValue(graphql.language.IntValue node,
                    graphql.util.TraverserContext<graphql.language.Node> context) {
                java.math.BigInteger value = node.getValue();
                if (value.bitLength() > 31) {
                    errors.add(graphql.GraphqlErrorBuilder.newError()
                            .message(
                                    "The literal " + value + " is not an Int (a whole number between -2^31 and 2^31-1)")
                            .location(node.getSourceLocation())
                            .errorType(graphql.ErrorType.ValidationError).build());
                }
                return graphql.util.TraversalControl.CONTINUE;
            }
        }, document);
        return errors;
    }
}
