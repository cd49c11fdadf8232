package com.xhsgraph.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;

/**
 * Estimates, before a query runs, the most upstream calls it can make: from its {@code first} values, its nesting and
 * the upstream page sizes. It is an upper bound: snapshots, single flight and per-request deduplication only make the
 * real cost lower. {@code node} counts as the dearest of the types it may resolve to.
 */
public final class QueryCostEstimator {

    /** Upstream page sizes: notes and comments come about 10 a page, replies about 5. */
    static final int NOTES_PER_PAGE = 10;
    static final int COMMENTS_PER_PAGE = 10;
    static final int REPLIES_PER_PAGE = 5;

    /** One line of the plan: at this path, this many calls to this endpoint. */
    public record PlanItem(String path, String endpoint, long calls) {}

    /** The estimate and where it comes from. */
    public record Estimate(long calls, List<PlanItem> plan) {}

    private static final Set<String> FREE_USER_FIELDS = Set.of("id", "xhsId", "url", "notes", "history", "__typename");
    private static final Set<String> AUTHOR_KNOWN_FIELDS = Set.of("nickname", "avatarUrl");
    private static final Set<String> FREE_NOTE_FIELDS = Set.of("id", "xhsId", "url", "comments", "history",
            "__typename");
    private static final Set<String> DETAIL_ONLY_NOTE_FIELDS = Set.of("text", "ipLocation");

    private final Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
    private final int maxFirst;
    private final Map<String, Object> variables;
    private final Map<String, Value<?>> variableDefaults = new LinkedHashMap<>();
    private final Map<String, PlanItem> plan = new LinkedHashMap<>();

    private QueryCostEstimator(Map<String, Object> variables, int maxFirst) {
        this.variables = variables == null ? Map.of() : variables;
        this.maxFirst = maxFirst;
    }

    /**
     * @param maxFirst the largest {@code first} a connection accepts: a larger value is refused as an invalid argument
     *        when the query runs, so it counts as this much here
     * @throws graphql.parser.InvalidSyntaxException when the query does not parse (GraphQL reports that itself)
     */
    public static Estimate estimate(String query, String operationName, Map<String, Object> variables, int maxFirst) {
        return estimate(Parser.parse(query), operationName, variables, maxFirst);
    }

    /** The same for a document already parsed. */
    public static Estimate estimate(Document document, String operationName, Map<String, Object> variables,
            int maxFirst) {
        QueryCostEstimator estimator = new QueryCostEstimator(variables, maxFirst);
        OperationDefinition operation = null;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                estimator.fragments.put(fragment.getName(), fragment);
            } else if (definition instanceof OperationDefinition op
                    && (operationName == null || operationName.equals(op.getName()))) {
                operation = operation == null ? op : operation;
            }
        }
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return new Estimate(0, List.of());
        }
        for (VariableDefinition v : operation.getVariableDefinitions()) {
            if (v.getDefaultValue() != null) {
                estimator.variableDefaults.put(v.getName(), v.getDefaultValue());
            }
        }
        estimator.selections(operation.getSelectionSet(), "Query", 1, new Scope(false, false), "");
        long total = estimator.plan.values().stream().mapToLong(PlanItem::calls).sum();
        return new Estimate(total, List.copyOf(estimator.plan.values()));
    }

    /** What is known about the objects being walked: listed notes need no detail, authors bring a nickname. */
    private record Scope(boolean listed, boolean author) {}

    private void selections(SelectionSet set, String type, long count, Scope scope, String path) {
        if (set == null || count == 0) {
            return;
        }
        List<Field> fields = fields(set, type);
        switch (type) {
            case "Query" -> query(fields, path);
            case "User" -> user(fields, count, scope, path);
            case "Note" -> note(fields, count, scope, path);
            case "Comment" -> comment(fields, count, path);
            case "NoteConnection", "NoteEdge" -> connection(fields, "Note", count, new Scope(true, false), path,
                    "NoteConnection".equals(type));
            case "CommentConnection", "CommentEdge" -> connection(fields, "Comment", count, scope, path, false);
            default -> {
            }
        }
    }

    private void query(List<Field> fields, String path) {
        for (Field f : fields) {
            String at = path(path, f);
            boolean asOf = argument(f, "asOf") != null;
            switch (f.getName()) {
                case "user" -> {
                    if (!asOf) {
                        selections(f.getSelectionSet(), "User", 1, new Scope(false, false), at);
                    } else {
                        connectionsOnly(f.getSelectionSet(), "User", at);
                    }
                }
                case "note" -> {
                    if (!asOf) {
                        selections(f.getSelectionSet(), "Note", 1, new Scope(false, false), at);
                    } else {
                        connectionsOnly(f.getSelectionSet(), "Note", at);
                    }
                }
                case "node" -> dearestNode(f, at);
                default -> {
                }
            }
        }
    }

    /** With asOf, fields come from snapshots; only the object's connections may still call the upstream. */
    private void connectionsOnly(SelectionSet set, String type, String path) {
        for (Field f : fields(set, type)) {
            if ("notes".equals(f.getName()) || "comments".equals(f.getName())) {
                selections(new SelectionSet(List.of(f)), type, 1, new Scope(false, false), path);
            }
        }
    }

    private void dearestNode(Field node, String path) {
        Map<String, PlanItem> best = new LinkedHashMap<>(plan);
        long bestCost = -1;
        for (String type : List.of("User", "Note", "Comment")) {
            Map<String, PlanItem> before = new LinkedHashMap<>(plan);
            selections(node.getSelectionSet(), type, 1, new Scope(false, false), path);
            long cost = plan.values().stream().mapToLong(PlanItem::calls).sum();
            if (cost > bestCost) {
                bestCost = cost;
                best = new LinkedHashMap<>(plan);
            }
            plan.clear();
            plan.putAll(before);
        }
        plan.clear();
        plan.putAll(best);
    }

    private void user(List<Field> fields, long count, Scope scope, String path) {
        boolean needsProfile = false;
        for (Field f : fields) {
            String name = f.getName();
            if (!FREE_USER_FIELDS.contains(name) && !(scope.author() && AUTHOR_KNOWN_FIELDS.contains(name))) {
                needsProfile = true;
            }
            if ("notes".equals(name)) {
                int first = first(f, 10);
                long pages = pages(first, NOTES_PER_PAGE, argument(f, "after") != null);
                add(path(path, f), "get-user-note-list/v4", count * pages);
                selections(f.getSelectionSet(), "NoteConnection", count * first, new Scope(true, false),
                        path(path, f));
                for (Field inner : fields(f.getSelectionSet(), "NoteConnection")) {
                    if ("totalCount".equals(inner.getName())) {
                        needsProfile = true;
                    }
                }
            }
        }
        if (needsProfile) {
            add(path, "get-user/v3", count);
        }
    }

    private void note(List<Field> fields, long count, Scope scope, String path) {
        boolean needsDetail = false;
        for (Field f : fields) {
            String name = f.getName();
            if (scope.listed() ? DETAIL_ONLY_NOTE_FIELDS.contains(name) : !FREE_NOTE_FIELDS.contains(name)) {
                needsDetail = true;
            }
            switch (name) {
                case "author" -> selections(f.getSelectionSet(), "User", count, new Scope(false, true), path(path, f));
                case "comments" -> {
                    int first = first(f, 10);
                    long pages = pages(first, COMMENTS_PER_PAGE, argument(f, "after") != null);
                    add(path(path, f), "get-note-comment/v2", count * pages);
                    selections(f.getSelectionSet(), "CommentConnection", count * first, new Scope(false, false),
                            path(path, f));
                }
                default -> {
                }
            }
        }
        if (needsDetail) {
            add(path, "get-note-detail/v1", count);
        }
    }

    private void comment(List<Field> fields, long count, String path) {
        for (Field f : fields) {
            switch (f.getName()) {
                case "replies" -> {
                    int first = first(f, 10);
                    long pages = pages(first, REPLIES_PER_PAGE, argument(f, "after") != null);
                    add(path(path, f), "get-note-sub-comment/v2", count * pages);
                    selections(f.getSelectionSet(), "CommentConnection", count * first, new Scope(false, false),
                            path(path, f));
                }
                case "replyTo" -> selections(f.getSelectionSet(), "Comment", count, new Scope(false, false),
                        path(path, f));
                // every comment of a connection is on the same note: one detail at most per connection
                case "note" -> selections(f.getSelectionSet(), "Note", 1, new Scope(false, false), path(path, f));
                default -> {
                }
            }
        }
    }

    private void connection(List<Field> fields, String itemType, long items, Scope scope, String path,
            boolean notes) {
        for (Field f : fields) {
            switch (f.getName()) {
                case "nodes", "node" -> selections(f.getSelectionSet(), itemType, items, scope, path(path, f));
                case "edges" -> selections(f.getSelectionSet(), notes ? "NoteEdge" : "CommentEdge", items, scope,
                        path(path, f));
                default -> {
                }
            }
        }
    }

    private static long pages(int first, int perPage, boolean after) {
        if (first <= 0) {
            return 0;
        }
        return (first + perPage - 1) / perPage + (after ? 1 : 0);
    }

    private void add(String path, String endpoint, long calls) {
        if (calls <= 0) {
            return;
        }
        plan.merge(path + "|" + endpoint, new PlanItem(path, endpoint, calls),
                (a, b) -> new PlanItem(a.path(), a.endpoint(), a.calls() + b.calls()));
    }

    /** The fields selected on {@code type}, through inline fragments and fragment spreads. */
    private List<Field> fields(SelectionSet set, String type) {
        List<Field> fields = new ArrayList<>();
        if (set == null) {
            return fields;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                fields.add(field);
            } else if (selection instanceof InlineFragment inline) {
                if (inline.getTypeCondition() == null || applies(inline.getTypeCondition().getName(), type)) {
                    fields.addAll(fields(inline.getSelectionSet(), type));
                }
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && applies(fragment.getTypeCondition().getName(), type)) {
                    fields.addAll(fields(fragment.getSelectionSet(), type));
                }
            }
        }
        return fields;
    }

    private static boolean applies(String condition, String type) {
        return condition.equals(type) || "Node".equals(condition);
    }

    private int first(Field field, int defaultValue) {
        Object value = resolve(argument(field, "first"));
        if (value instanceof Number n) {
            return (int) Math.max(0, Math.min(n.longValue(), maxFirst));
        }
        return defaultValue;
    }

    private Object resolve(Value<?> value) {
        if (value == null || value instanceof NullValue) {
            return null;
        }
        if (value instanceof IntValue i) {
            return i.getValue();
        }
        if (value instanceof BooleanValue b) {
            return b.isValue();
        }
        if (value instanceof VariableReference ref) {
            if (variables.containsKey(ref.getName())) {
                return variables.get(ref.getName());
            }
            return resolve(variableDefaults.get(ref.getName()));
        }
        return value;
    }

    private static Value<?> argument(Field field, String name) {
        for (Argument a : field.getArguments()) {
            if (a.getName().equals(name)) {
                return a.getValue();
            }
        }
        return null;
    }

    private static String path(String parent, Field field) {
        String name = field.getAlias() != null ? field.getAlias() : field.getName();
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
