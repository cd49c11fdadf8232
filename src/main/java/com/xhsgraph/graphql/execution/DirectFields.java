package com.xhsgraph.graphql.execution;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

import io.quarkus.arc.Arc;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.EventingService;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Reads the plain fields of the graph's own types (no arguments; a {@code String}, {@code Int}, {@code Boolean} or
 * {@code ID}, an object, or a list of objects) straight from their accessor.
 * <p>
 * SmallRye GraphQL resolves every field, even {@code Comment.content}, through its {@link FieldDataFetcher}, which
 * first builds a per-field context: a copy of the request context, the result path as a string, and the selected
 * fields as JSON, twice, walking the whole sub-selection (for a connection's {@code nodes} that is the rest of the
 * query). A nested query resolves hundreds of such fields, and profiling put that bookkeeping among the largest costs
 * of a request. These fields need none of it. Which fields are plain, and which accessor SmallRye reads each from,
 * comes from SmallRye's own schema model: a field it transforms (a format) or adapts is left to it, as is any value of
 * an unexpected type at run time.
 * <p>
 * A SmallRye GraphQL eventing service (registered in {@code META-INF/services}), switched by {@value #ENABLED}; it
 * replaces data fetchers in the code registry just before the schema is built and changes nothing in the schema.
 * {@code DirectFieldsContractTest} fails if SmallRye stops using {@link FieldDataFetcher} for these fields or stops
 * describing them in its model.
 */
public class DirectFields implements EventingService {

    /** The configuration key that switches this service on; set in application.properties. */
    static final String ENABLED = "xhs-graph.direct-fields.enabled";

    private static final Set<String> SCALARS = Set.of("String", "Int", "Boolean", "ID");

    @Override
    public String getConfigKey() {
        return ENABLED;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        return replace(builder, Arc.container().instance(Schema.class).get());
    }

    /** Replaces SmallRye's fetcher of every plain field that {@code model} describes. */
    static GraphQLSchema.Builder replace(GraphQLSchema.Builder builder, Schema model) {
        GraphQLSchema schema = builder.build();
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry replaced = registry.transform(codeRegistry -> {
            for (Type type : model.getTypes().values()) {
                if (!(schema.getType(type.getName()) instanceof GraphQLObjectType object) || !type.hasFields()) {
                    continue;
                }
                Class<?> javaType = load(type.getClassName());
                for (Field field : type.getFields().values()) {
                    GraphQLFieldDefinition definition = object.getFieldDefinition(field.getName());
                    MethodHandle accessor = javaType == null ? null : plainAccessor(javaType, field);
                    if (definition == null || accessor == null || !definition.getArguments().isEmpty()) {
                        continue;
                    }
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(object, definition);
                    DataFetcher<?> current = registry.getDataFetcher(coordinates, definition);
                    if (!(current instanceof FieldDataFetcher<?>)) {
                        continue;
                    }
                    GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(definition.getType());
                    if (unwrapped instanceof GraphQLCompositeType) {
                        codeRegistry.dataFetcher(coordinates, new Direct(javaType, accessor, current, true));
                    } else if (SCALARS.contains(((GraphQLNamedType) unwrapped).getName())) {
                        codeRegistry.dataFetcher(coordinates, new Direct(javaType, accessor, current, false));
                    }
                }
            }
        });
        return GraphQLSchema.newSchema(schema).codeRegistry(replaced);
    }

    /**
     * The accessor SmallRye reads {@code field} from, when SmallRye neither transforms (formats) nor adapts its value;
     * null otherwise, or when it reads a property rather than a public method.
     */
    static MethodHandle plainAccessor(Class<?> type, Field field) {
        if (field.hasTransformation() || field.isAdaptingTo() || field.isAdaptingWith() || field.getMethodName() == null
                || !Modifier.isPublic(type.getModifiers())) {
            return null;
        }
        try {
            Method method = type.getMethod(field.getMethodName());
            if (Modifier.isStatic(method.getModifiers())) {
                return null;
            }
            return MethodHandles.publicLookup().unreflect(method).asType(MethodType.methodType(Object.class,
                    Object.class));
        } catch (NoSuchMethodException | IllegalAccessException | RuntimeException | LinkageError e) {
            // e.g. a native image without the reflection metadata for this class: SmallRye reads it
            return null;
        }
    }

    private static Class<?> load(String className) {
        try {
            return className == null
                    ? null
                    : Class.forName(className, false,
                            Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Reads one field; falls back to SmallRye's fetcher for a source or a value it does not expect. */
    static final class Direct implements DataFetcher<Object>, TrivialDataFetcher<Object> {

        private final Class<?> type;
        private final MethodHandle accessor;
        private final DataFetcher<?> fallback;
        private final boolean composite;

        Direct(Class<?> type, MethodHandle accessor, DataFetcher<?> fallback, boolean composite) {
            this.type = type;
            this.accessor = accessor;
            this.fallback = fallback;
            this.composite = composite;
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Object source = environment.getSource();
            if (source == null) {
                return null;
            }
            if (source.getClass() == type) {
                Object value;
                try {
                    value = accessor.invoke(source);
                } catch (Throwable e) {
                    return fallback.get(environment);
                }
                if (value == null || (composite
                        ? value instanceof Record || value instanceof java.util.List<?>
                        : value instanceof String || value instanceof Integer || value instanceof Boolean)) {
                    return value;
                }
            }
            return fallback.get(environment);
        }
    }
}
