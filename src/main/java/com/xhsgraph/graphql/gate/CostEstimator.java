package com.xhsgraph.graphql.gate;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.ShareText;

import graphql.DirectivesUtil;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * The most upstream calls a query can make, computed before it runs from the cost each field declares in the schema
 * ({@code @upstreamCost}, {@code @fromSnapshotsWith}, {@code @sameForEveryItem}, {@code @acceptsShareLinks}) and the query's normalized form (the
 * operation execution will run, fragments expanded, variables and defaults applied, {@code @skip}/{@code @include}
 * decided). It is an upper bound: snapshots, single flight and the per-request cache only make the real cost lower.
 * <ul>
 * <li>A connection that declares {@code pages} costs, per object it is on, one call per upstream page its {@code first}
 * (capped at the largest page size a connection accepts) and {@code after} can need.</li>
 * <li>Other paid fields cost one call per object, shared by every field of the object that needs the same endpoint,
 * unless the object arrived through a field that already told them ({@code freeVia}), or was asked for with the
 * argument that serves it from the snapshots.</li>
 * <li>A connection's {@code nodes} and {@code edges} multiply what their items cost by {@code first}; a field of an
 * abstract type ({@code node}) costs as much as the dearest type it may return.</li>
 * </ul>
 */
public final class CostEstimator {

    /** One line of the plan: at this path, this many calls to this endpoint. */
    public record PlanItem(String path, String endpoint, long calls) {}

    /** The estimate and where it comes from. */
    public record Estimate(long calls, List<PlanItem> plan) {}

    /** A field's declared cost. */
    record Cost(Endpoint endpoint, boolean pages, boolean ofOwner, Set<String> freeVia, String filteredBy,
            String retriedArgument, String retriedValue) {}

    static final String COST = "upstreamCost";
    static final String FROM_SNAPSHOTS = "fromSnapshotsWith";
    static final String SAME_FOR_EVERY_ITEM = "sameForEveryItem";
    static final String LIST_SIZE = "listSize";
    static final String ACCEPTS_SHARE_LINKS = "acceptsShareLinks";

    private final GraphQLSchema schema;
    private final int maxFirst;
    private final Map<FieldCoordinates, Cost> costs = new HashMap<>();
    private final Map<FieldCoordinates, String> snapshotArguments = new HashMap<>();
    private final Set<FieldCoordinates> sameForEveryItem = new HashSet<>();
    private final Map<FieldCoordinates, Integer> listSizes = new HashMap<>();
    private final Map<FieldCoordinates, String> shareLinkArguments = new HashMap<>();

    /**
     * Reads the declarations from {@code schema}.
     *
     * @param maxFirst the largest {@code first} a connection accepts: a larger value is refused as an invalid argument
     *        when the query runs, so it counts as this much here
     * @throws IllegalStateException when a declaration names no known endpoint, or a list of unbounded length can lead
     *         to a paid field (its cost could not be bounded)
     */
    public CostEstimator(GraphQLSchema schema, int maxFirst) {
        this.schema = schema;
        this.maxFirst = maxFirst;
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type instanceof GraphQLFieldsContainer container && !type.getName().startsWith("__")) {
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    read(FieldCoordinates.coordinates(container.getName(), field.getName()), field);
                }
            }
        }
        checkListsAreBounded();
    }

    /** The declared cost of a field, or null when it costs nothing itself. */
    Cost cost(String type, String field) {
        return costs.get(FieldCoordinates.coordinates(type, field));
    }

    /** The estimate of an operation; mutations and subscriptions cost nothing upstream. */
    public Estimate estimate(ExecutableNormalizedOperation operation) {
        Map<String, PlanItem> plan = new LinkedHashMap<>();
        if (operation.getOperation() == OperationDefinition.Operation.QUERY) {
            Obj root = new Obj(null, 1, 1, null, false, null, "");
            children(root, operation.getTopLevelFields(), plan);
        }
        long total = plan.values().stream().mapToLong(PlanItem::calls).sum();
        return new Estimate(total, List.copyOf(plan.values()));
    }

    /** An object of the response: how many of its kind there are, how it arrived, what is charged to it already. */
    private static final class Obj {
        final Obj owner;
        final long count;
        /** For an item of a list: how many such lists there are (the count of their owner); else its own count. */
        final long lists;
        final String arrivedVia;
        final boolean fromSnapshots;
        final String path;
        final Set<Endpoint> charged;

        Obj(Obj owner, long count, long lists, String arrivedVia, boolean fromSnapshots, Set<Endpoint> charged,
                String path) {
            this.owner = owner;
            this.count = count;
            this.lists = lists;
            this.arrivedVia = arrivedVia;
            this.fromSnapshots = fromSnapshots;
            this.path = path;
            this.charged = charged == null ? new HashSet<>() : charged;
        }
    }

    /**
     * The fields selected on {@code object}. When they may apply to different object types (a field of an interface
     * type), each type is costed on its own and the dearest one counts.
     */
    private void children(Obj object, List<ExecutableNormalizedField> fields, Map<String, PlanItem> plan) {
        Set<String> types = new LinkedHashSet<>();
        fields.forEach(f -> types.addAll(f.getObjectTypeNames()));
        if (types.size() <= 1) {
            fields.forEach(f -> field(object, f, plan));
            return;
        }
        Map<String, PlanItem> dearest = null;
        Set<Endpoint> dearestCharges = null;
        long dearestTotal = -1;
        for (String type : types) {
            Map<String, PlanItem> alternative = new LinkedHashMap<>(plan);
            Obj as = new Obj(object.owner, object.count, object.lists, object.arrivedVia, object.fromSnapshots,
                    new HashSet<>(object.charged), object.path);
            for (ExecutableNormalizedField f : fields) {
                if (f.getObjectTypeNames().contains(type)) {
                    field(as, f, type, alternative);
                }
            }
            long total = alternative.values().stream().mapToLong(PlanItem::calls).sum();
            if (total > dearestTotal) {
                dearestTotal = total;
                dearest = alternative;
                dearestCharges = as.charged;
            }
        }
        plan.clear();
        plan.putAll(dearest);
        object.charged.addAll(dearestCharges);
    }

    private void field(Obj object, ExecutableNormalizedField f, Map<String, PlanItem> plan) {
        field(object, f, f.getObjectTypeNames().iterator().next(), plan);
    }

    private void field(Obj object, ExecutableNormalizedField f, String type, Map<String, PlanItem> plan) {
        if (object.count == 0 || f.getName().startsWith("__")) {
            return;
        }
        FieldCoordinates coordinates = FieldCoordinates.coordinates(type, f.getName());
        GraphQLFieldDefinition definition = schema.getFieldDefinition(coordinates);
        if (definition == null) {
            return;
        }
        String path = object.path.isEmpty() ? f.getResultKey() : object.path + "." + f.getResultKey();
        String linkArgument = shareLinkArguments.get(coordinates);
        if (linkArgument != null && f.getResolvedArguments().get(linkArgument) instanceof String text
                && ShareText.hasShortLink(text)) {
            add(plan, path, Endpoint.SHARE_LINK, object.count);
        }
        Cost cost = costs.get(coordinates);
        if (cost != null) {
            if (cost.pages()) {
                add(plan, path, cost.endpoint(), object.count * pages(f, cost));
            } else if (cost.ofOwner()) {
                charge(object.owner, cost.endpoint(), plan);
            } else if (!object.fromSnapshots && !cost.freeVia().contains(object.arrivedVia)) {
                charge(object, cost.endpoint(), plan);
            }
        }
        if (f.getChildren().isEmpty()) {
            return;
        }
        String snapshotArgument = snapshotArguments.get(coordinates);
        boolean fromSnapshots = snapshotArgument != null && f.getResolvedArguments().get(snapshotArgument) != null;
        long count = object.count;
        long lists = object.count;
        if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()))) {
            count = object.count * listSize(f);
        } else if (sameForEveryItem.contains(coordinates)) {
            count = object.lists;
            lists = object.lists;
        } else if (isEdgeNode(type, f.getName())) {
            lists = object.lists;
        } else {
            lists = count;
        }
        Obj child = new Obj(object, count, lists, arrival(type, f.getName()), fromSnapshots, null, path);
        children(child, f.getChildren(), plan);
    }

    /**
     * How many items a list field returns: a connection's {@code first}, or a list's declared {@code @listSize}; lists
     * that reach no paid field, none.
     */
    private long listSize(ExecutableNormalizedField f) {
        ExecutableNormalizedField parent = f.getParent();
        String connectionType = f.getObjectTypeNames().iterator().next();
        Integer declared = listSizes.get(FieldCoordinates.coordinates(connectionType, f.getName()));
        if (declared != null) {
            return declared;
        }
        if (("nodes".equals(f.getName()) || "edges".equals(f.getName())) && connectionType.endsWith("Connection")
                && parent != null) {
            return first(parent);
        }
        return 0;
    }

    /** The object a charge to the owner of a connection lands on: the object the connection is a field of. */
    private void charge(Obj object, Endpoint endpoint, Map<String, PlanItem> plan) {
        if (object == null || object.count == 0) {
            return;
        }
        if (object.charged.add(endpoint)) {
            add(plan, object.path, endpoint, object.count);
        }
    }

    private int first(ExecutableNormalizedField connection) {
        Object value = connection.getResolvedArguments().get("first");
        if (value instanceof Number n) {
            return (int) Math.max(0, Math.min(n.longValue(), maxFirst));
        }
        return 0;
    }

    /**
     * The most upstream pages a walk of the connection {@code f} reads: as many as {@code first} needs (one more when
     * it resumes in the middle of a page after a cursor); up to the walk's limit when a filter may pass over items;
     * one more when the first page may be asked for twice.
     */
    private long pages(ExecutableNormalizedField f, Cost cost) {
        int first = first(f);
        if (first <= 0) {
            return 0;
        }
        Map<String, Object> arguments = f.getResolvedArguments();
        boolean after = arguments.get("after") != null;
        long pages = cost.filteredBy() != null && arguments.get(cost.filteredBy()) != null
                ? Pager.MAX_PAGES_PER_WALK
                : (first + cost.endpoint().pageSize() - 1) / cost.endpoint().pageSize() + (after ? 1 : 0);
        if (!after && cost.retriedArgument() != null
                && cost.retriedValue().equals(String.valueOf(arguments.get(cost.retriedArgument())))) {
            pages++;
        }
        return pages;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void add(Map<String, PlanItem> plan, String path, Endpoint endpoint, long calls) {
        if (calls <= 0) {
            return;
        }
        plan.merge(path + "|" + endpoint.path(), new PlanItem(path, endpoint.path(), calls),
                (a, b) -> new PlanItem(a.path(), a.endpoint(), a.calls() + b.calls()));
    }

    private static boolean isEdgeNode(String type, String field) {
        return "node".equals(field) && type.endsWith("Edge");
    }

    /** How an object arrived, as {@code Type.field}; an edge's {@code node} counts as its connection's {@code nodes}. */
    private static String arrival(String type, String field) {
        if (isEdgeNode(type, field)) {
            return type.substring(0, type.length() - "Edge".length()) + "Connection.nodes";
        }
        return type + "." + field;
    }

    private void read(FieldCoordinates coordinates, GraphQLFieldDefinition field) {
        for (GraphQLAppliedDirective directive : DirectivesUtil.toAppliedDirectives(field)) {
            switch (directive.getName()) {
                case COST -> {
                    String endpoint = string(directive.getArgument("endpoint"));
                    Endpoint known;
                    try {
                        known = Endpoint.ofPath(endpoint);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException(coordinates + " declares an unknown endpoint " + endpoint);
                    }
                    String retried = string(directive.getArgument("firstPageRetriedWhen"));
                    int eq = retried == null ? -1 : retried.indexOf('=');
                    costs.put(coordinates, new Cost(known, bool(directive.getArgument("pages")),
                            bool(directive.getArgument("ofOwner")), strings(directive.getArgument("freeVia")),
                            blankToNull(string(directive.getArgument("filteredBy"))),
                            eq < 0 ? null : retried.substring(0, eq), eq < 0 ? null : retried.substring(eq + 1)));
                }
                case FROM_SNAPSHOTS -> snapshotArguments.put(coordinates,
                        string(directive.getArgument("argument")));
                case SAME_FOR_EVERY_ITEM -> sameForEveryItem.add(coordinates);
                case ACCEPTS_SHARE_LINKS -> shareLinkArguments.put(coordinates,
                        string(directive.getArgument("argument")));
                case LIST_SIZE -> {
                    Object max = directive.getArgument("max") == null ? null : directive.getArgument("max").getValue();
                    listSizes.put(coordinates, max instanceof Number n ? n.intValue() : 0);
                }
                default -> {
                }
            }
        }
    }

    /** Fails when a list whose length the estimate cannot bound leads to a paid field. */
    private void checkListsAreBounded() {
        Map<String, Boolean> reachesPaid = new HashMap<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLFieldsContainer container) || type.getName().startsWith("__")) {
                continue;
            }
            for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                GraphQLType fieldType = GraphQLTypeUtil.unwrapNonNull(field.getType());
                boolean boundedList = (field.getName().equals("nodes") || field.getName().equals("edges"))
                        && type.getName().endsWith("Connection")
                        || listSizes.containsKey(FieldCoordinates.coordinates(type.getName(), field.getName()));
                if (GraphQLTypeUtil.isList(fieldType) && !boundedList
                        && reachesPaid(GraphQLTypeUtil.unwrapAll(fieldType), reachesPaid, new HashSet<>())) {
                    throw new IllegalStateException(type.getName() + "." + field.getName()
                            + " is a list of unbounded length that leads to a paid field; make it a connection");
                }
            }
        }
    }

    private boolean reachesPaid(GraphQLType type, Map<String, Boolean> memo, Set<String> visiting) {
        if (!(type instanceof GraphQLCompositeType composite)) {
            return false;
        }
        String name = composite.getName();
        Boolean known = memo.get(name);
        if (known != null) {
            return known;
        }
        if (!visiting.add(name)) {
            return false;
        }
        boolean result = false;
        Collection<? extends GraphQLNamedType> concrete = composite instanceof GraphQLObjectType object
                ? List.of(object)
                : composite instanceof graphql.schema.GraphQLInterfaceType iface
                        ? schema.getImplementations(iface)
                        : ((graphql.schema.GraphQLUnionType) composite).getTypes();
        for (GraphQLNamedType t : concrete) {
            for (GraphQLFieldDefinition f : ((GraphQLFieldsContainer) t).getFieldDefinitions()) {
                if (costs.containsKey(FieldCoordinates.coordinates(t.getName(), f.getName()))
                        || reachesPaid(GraphQLTypeUtil.unwrapAll(f.getType()), memo, visiting)) {
                    result = true;
                }
            }
        }
        memo.put(name, result);
        return result;
    }

    private static String string(GraphQLAppliedDirectiveArgument argument) {
        Object value = argument == null ? null : argument.getValue();
        return value == null ? null : value.toString();
    }

    private static boolean bool(GraphQLAppliedDirectiveArgument argument) {
        Object value = argument == null ? null : argument.getValue();
        return Boolean.TRUE.equals(value);
    }

    private static Set<String> strings(GraphQLAppliedDirectiveArgument argument) {
        Object value = argument == null ? null : argument.getValue();
        Set<String> result = new HashSet<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> result.add(String.valueOf(v)));
        } else if (value instanceof Object[] a) {
            for (Object v : a) {
                result.add(String.valueOf(v));
            }
        } else if (value != null) {
            result.add(value.toString());
        }
        return result;
    }

}
