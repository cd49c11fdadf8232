package com.xhsgraph.graphql;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.graphql.Name;

import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
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
 * {@code ID}, an object, or a list of objects) straight from their record component.
 * <p>
 * SmallRye GraphQL resolves every field, even {@code Comment.content}, through its {@code FieldDataFetcher}, which
 * first builds a per-field context: a copy of the request context, the result path as a string, and the selected
 * fields as JSON, twice, walking the whole sub-selection (for a connection's {@code nodes} that is the rest of the
 * query). A nested query resolves hundreds of such fields, and profiling put that bookkeeping among the largest costs
 * of a request, in CPU and in garbage. These fields need none of it: no arguments, no formatting annotations, no
 * adapters, no injected context. Anything else (dates, enums, fields with arguments, resolver methods), and any value
 * of an unexpected type, still goes through SmallRye.
 * <p>
 * A SmallRye GraphQL eventing service (registered in {@code META-INF/services}), switched by {@value #ENABLED}; it
 * replaces data fetchers in the code registry just before the schema is built and changes nothing in the schema.
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
        GraphQLSchema schema = builder.build();
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry replaced = registry.transform(codeRegistry -> {
            for (GraphQLType type : schema.getAllTypesAsList()) {
                if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__")) {
                    continue;
                }
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(object, field);
                    DataFetcher<?> current = registry.getDataFetcher(coordinates, field);
                    if (!(current instanceof FieldDataFetcher<?>) || !field.getArguments().isEmpty()) {
                        continue;
                    }
                    GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(field.getType());
                    if (unwrapped instanceof GraphQLCompositeType) {
                        codeRegistry.dataFetcher(coordinates, new Direct(field.getName(), current, true));
                    } else if (SCALARS.contains(((GraphQLNamedType) unwrapped).getName())) {
                        codeRegistry.dataFetcher(coordinates, new Direct(field.getName(), current, false));
                    }
                }
            }
        });
        return GraphQLSchema.newSchema(schema).codeRegistry(replaced);
    }

    /** Reads one field; falls back to SmallRye's fetcher for a class or a value it does not handle itself. */
    static final class Direct implements DataFetcher<Object>, TrivialDataFetcher<Object> {

        private static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

        private final String fieldName;
        private final DataFetcher<?> fallback;
        private final boolean composite;
        private final ConcurrentHashMap<Class<?>, MethodHandle> accessors = new ConcurrentHashMap<>(4);

        Direct(String fieldName, DataFetcher<?> fallback, boolean composite) {
            this.fieldName = fieldName;
            this.fallback = fallback;
            this.composite = composite;
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Object source = environment.getSource();
            if (source == null) {
                return null;
            }
            MethodHandle accessor = accessors.computeIfAbsent(source.getClass(), this::accessor);
            if (accessor != NONE) {
                Object value;
                try {
                    value = accessor.invoke(source);
                } catch (Throwable e) {
                    return fallback.get(environment);
                }
                if (value == null || (composite
                        ? value instanceof Record || value instanceof List<?>
                        : value instanceof String || value instanceof Integer || value instanceof Boolean)) {
                    return value;
                }
            }
            return fallback.get(environment);
        }

        /** The accessor, or NONE: then SmallRye reads the field, as it would without this service. */
        private MethodHandle accessor(Class<?> type) {
            try {
                Method method = accessorMethod(type, fieldName);
                return method == null
                        ? NONE
                        : MethodHandles.publicLookup().unreflect(method)
                                .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException | RuntimeException | LinkageError e) {
                // e.g. a native image without the reflection metadata for this class
                return NONE;
            }
        }
    }

    /**
     * The public no-argument method SmallRye reads a field from: the record component or getter named like the field
     * or carrying {@code @Name} with its name; null when there is none, or when it carries a formatting annotation
     * (such fields need SmallRye's transformation).
     */
    static Method accessorMethod(Class<?> type, String fieldName) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return null;
        }
        Method found = null;
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Name name = component.getAnnotation(Name.class);
                if (name != null
                        ? name.value().equals(fieldName)
                        : component.getName().equals(fieldName) && !renamed(component.getAccessor())) {
                    if (formatted(component.getAnnotations())) {
                        return null;
                    }
                    found = component.getAccessor();
                }
            }
        }
        if (found == null) {
            String capitalized = Character.toUpperCase(fieldName.charAt(0)) + fieldName.substring(1);
            for (Method method : type.getMethods()) {
                if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                        || method.getDeclaringClass() == Object.class) {
                    continue;
                }
                Name name = method.getAnnotation(Name.class);
                boolean matches = name != null
                        ? name.value().equals(fieldName)
                        : method.getName().equals("get" + capitalized) || method.getName().equals("is" + capitalized);
                if (matches) {
                    found = method;
                    break;
                }
            }
        }
        if (found == null || formatted(found.getAnnotations())) {
            return null;
        }
        return found;
    }

    private static boolean renamed(Method accessor) {
        return accessor.isAnnotationPresent(Name.class);
    }

    private static boolean formatted(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getSimpleName().contains("Format")) {
                return true;
            }
        }
        return false;
    }
}
