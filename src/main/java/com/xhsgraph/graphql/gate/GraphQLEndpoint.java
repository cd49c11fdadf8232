package com.xhsgraph.graphql.gate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.graphql.ErrorCode;
import com.xhsgraph.graphql.execution.GraphQLExecutor;
import com.xhsgraph.service.fetch.RequestCost;
import com.xhsgraph.service.fetch.TimeSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.ClientProxy;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.language.OperationDefinition;

/**
 * {@code /graphql}: reads each request once, checks it, and executes exactly what it checked.
 * <ol>
 * <li>{@link RequestReader}: the body or the query parameters, strictly; what cannot be read is refused with 400.</li>
 * <li>{@link QueryPlanner}: the document parsed and validated, the operation normalized, its upstream calls
 * estimated.</li>
 * <li>The budget: above {@code xhs.graph.max-upstream-calls} the query is refused with {@code QUERY_BUDGET_EXCEEDED}
 * before anything is spent; with {@value #DRY_RUN_HEADER}{@code : true} the estimate and its plan are returned and
 * nothing runs.</li>
 * <li>{@link QueryAdmission}: at most so many queries execute at once.</li>
 * <li>{@link GraphQLExecutor}: SmallRye GraphQL executes the request; the response says what it cost
 * ({@code extensions.upstream}) and what its client should know ({@code extensions.warnings}).</li>
 * </ol>
 */
@ApplicationScoped
public class GraphQLEndpoint {

    /** Looked up once: {@code Json.create...} looks the provider up on the class path at every call. */
    private static final JsonProvider JSONP = JsonProvider.provider();

    public static final String PATH = "/graphql";
    public static final String DRY_RUN_HEADER = "X-Upstream-Dry-Run";
    /** Before SmallRye GraphQL's own handler on the same path, which this one replaces for GET and POST. */
    static final int ORDER = -20;

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String JSON = "application/json";

    private final XhsConfig config;
    private final QueryPlanner planner;
    private final QueryAdmission admission;
    private final GraphQLExecutor executor;
    private final RequestCost cost;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final RequestReader reader;
    private final TimeSource time;

    GraphQLEndpoint(XhsConfig config, QueryPlanner planner, QueryAdmission admission, GraphQLExecutor executor,
            RequestCost cost, MeterRegistry metrics, ObjectMapper json, TimeSource time) {
        this.time = time;
        this.config = config;
        this.planner = planner;
        this.admission = admission;
        this.executor = executor;
        this.cost = cost;
        this.metrics = metrics;
        this.json = json;
        this.reader = new RequestReader(config.graph().maxRequestBytes());
    }

    void install(@Observes Router router) {
        router.route(PATH).order(ORDER).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(config.graph().maxRequestBytes()));
        router.route(PATH).order(ORDER + 1).method(HttpMethod.POST).method(HttpMethod.GET).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        long arrived = System.nanoTime();
        Instant arrivedAt = time.now();
        String contentType = responseType(ctx);
        if (contentType == null) {
            respond(ctx, 406, JSON, error("Ask for application/graphql-response+json or application/json",
                    ErrorCode.BAD_REQUEST, Map.of()));
            return;
        }
        GraphQLRequest request;
        try {
            request = reader.read(ctx);
        } catch (RequestReader.BadRequest bad) {
            respond(ctx, bad.status, contentType, error(bad.getMessage(), ErrorCode.BAD_REQUEST, Map.of()));
            return;
        }
        QueryPlanner.Plan plan;
        try {
            plan = planner.plan(request);
        } catch (AbortExecutionException tooLarge) {
            respond(ctx, 400, contentType, error("The query selects too many fields or nests too deeply",
                    ErrorCode.BAD_REQUEST, Map.of()));
            return;
        } catch (RuntimeException e) {
            if (e instanceof GraphQLError) {
                // variables that do not fit the operation: execution reports them before it resolves anything
                execute(ctx, arrived, arrivedAt, request, contentType);
                return;
            }
            Log.error("Could not plan a GraphQL request", e);
            respond(ctx, 500, contentType, error("Internal error", ErrorCode.INTERNAL, Map.of()));
            return;
        }
        if (plan instanceof QueryPlanner.Invalid) {
            // execution reports the syntax or validation errors and resolves nothing
            execute(ctx, arrived, arrivedAt, request, contentType);
            return;
        }
        QueryPlanner.Valid valid = (QueryPlanner.Valid) plan;
        if (request.get() && valid.operation() != OperationDefinition.Operation.QUERY) {
            ctx.response().putHeader("allow", "POST");
            respond(ctx, 405, contentType, error("Only queries may be sent with GET; send mutations with POST",
                    ErrorCode.BAD_REQUEST, Map.of()));
            return;
        }
        if (overBudgetOrDryRun(ctx, valid.estimate(), contentType)) {
            return;
        }
        admission.admit(ctx, () -> execute(ctx, arrived, arrivedAt, request, contentType),
                (refused, why) -> respond(refused, 503, contentType,
                        error("The service is busy (" + why + "); try again shortly", ErrorCode.OVERLOADED, Map.of()),
                        "retry-after", "1"));
    }

    /** Answers an over-budget query or a dry run itself; false when the query may run. */
    private boolean overBudgetOrDryRun(RoutingContext ctx, CostEstimator.Estimate estimate, String contentType) {
        int budget = config.graph().maxUpstreamCalls();
        boolean dryRun = "true".equalsIgnoreCase(ctx.request().getHeader(DRY_RUN_HEADER));
        if (!dryRun && estimate.calls() <= budget) {
            return false;
        }
        Map<String, Object> upstream = new LinkedHashMap<>();
        upstream.put("dryRun", dryRun);
        upstream.put("estimatedCalls", estimate.calls());
        upstream.put("budget", budget);
        upstream.put("plan", estimate.plan().stream().map(p -> Map.of("path", p.path(), "endpoint", p.endpoint(),
                "calls", p.calls())).toList());
        Map<String, Object> body;
        if (dryRun) {
            body = new LinkedHashMap<>();
            body.put("data", null);
        } else {
            metrics.counter("xhs.query.budget.rejections").increment();
            body = error("This query could make up to " + estimate.calls() + " upstream calls, more than the budget of "
                    + budget + ": ask for fewer items (first) or less nesting", ErrorCode.QUERY_BUDGET_EXCEEDED,
                    Map.of("estimatedCalls", estimate.calls(), "budget", budget));
        }
        body.put("extensions", Map.of("upstream", upstream));
        respond(ctx, 200, contentType, body);
        return true;
    }

    private void execute(RoutingContext ctx, long arrived, Instant arrivedAt, GraphQLRequest request,
            String contentType) {
        RequestCost[] requestCost = new RequestCost[1];
        executor.execute(ctx, request.query(), request.operationName(), reader.write(request.variables()),
                reader.write(request.extensions()),
                () -> {
                    requestCost[0] = ClientProxy.unwrap(cost);
                    requestCost[0].arrived(arrived, arrivedAt);
                },
                result -> {
                    RequestCost.Totals totals = requestCost[0].totals();
                    Timer.builder("xhs.graphql.requests").description("GraphQL requests, by outcome")
                            .tag("errors", String.valueOf(result.errors()))
                            .tag("upstream", totals.calls() > 0 ? "called" : "none")
                            .publishPercentileHistogram()
                            .register(metrics).record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
                    JsonObject body = withExtensions(result.body(), totals, requestCost[0].warnings());
                    if (!ctx.response().ended() && !ctx.response().closed()) {
                        ctx.response().setStatusCode(200).putHeader("content-type", contentType + "; charset=utf-8")
                                .end(body.toString());
                    }
                },
                failure -> {
                    Log.error("GraphQL execution failed", failure);
                    respond(ctx, 500, contentType, error("Internal error", ErrorCode.INTERNAL, Map.of()));
                });
    }

    /** The response object with {@code extensions.upstream} and, when there are any, {@code extensions.warnings}. */
    private static JsonObject withExtensions(JsonObject body, RequestCost.Totals totals,
            List<RequestCost.Warning> warnings) {
        JsonObjectBuilder extensions = body.containsKey("extensions")
                && body.get("extensions").getValueType() == JsonValue.ValueType.OBJECT
                        ? JSONP.createObjectBuilder(body.getJsonObject("extensions"))
                        : JSONP.createObjectBuilder();
        extensions.add("upstream", JSONP.createObjectBuilder()
                .add("calls", totals.calls())
                .add("billed", totals.billed())
                .add("retries", totals.retries())
                .add("savedBySingleFlight", totals.savedBySingleFlight())
                .add("savedBySnapshots", totals.savedBySnapshots()));
        if (!warnings.isEmpty()) {
            JsonArrayBuilder list = JSONP.createArrayBuilder();
            warnings.forEach(w -> list.add(JSONP.createObjectBuilder().add("code", w.code().name())
                    .add("message", w.message())));
            extensions.add("warnings", list);
        }
        return JSONP.createObjectBuilder(body).add("extensions", extensions).build();
    }

    /**
     * The media type of the answer, from {@code Accept}: the GraphQL-over-HTTP type unless only {@code application/json}
     * is acceptable; null when neither is.
     */
    private static String responseType(RoutingContext ctx) {
        String accept = ctx.request().getHeader("accept");
        if (accept == null || accept.isBlank()) {
            return GRAPHQL_RESPONSE;
        }
        String lower = accept.toLowerCase();
        if (lower.contains(GRAPHQL_RESPONSE) || lower.contains("application/graphql+json")) {
            return GRAPHQL_RESPONSE;
        }
        if (lower.contains(JSON)) {
            return JSON;
        }
        if (lower.contains("*/*") || lower.contains("application/*")) {
            return GRAPHQL_RESPONSE;
        }
        return null;
    }

    /** A GraphQL response body with one error carrying {@code code} and {@code more} extensions, and no data. */
    static Map<String, Object> error(String message, ErrorCode code, Map<String, Object> more) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(more);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", message, "extensions", extensions)));
        body.put("data", null);
        return body;
    }

    /** Ends the response with {@code body} as JSON; {@code headers} in name, value pairs. */
    void respond(RoutingContext ctx, int status, String contentType, Map<String, Object> body, String... headers) {
        try {
            String text = json.writeValueAsString(body);
            ctx.response().setStatusCode(status).putHeader("content-type", contentType + "; charset=utf-8");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                ctx.response().putHeader(headers[i], headers[i + 1]);
            }
            ctx.response().end(text);
        } catch (Exception e) {
            ctx.fail(e);
        }
    }
}
