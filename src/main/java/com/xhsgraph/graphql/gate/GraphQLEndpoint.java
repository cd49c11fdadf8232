package com.xhsgraph.graphql.gate;

import java.time.Duration;
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
import com.xhsgraph.service.BudgetService;
import com.xhsgraph.service.fetch.RequestCost;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.BudgetExceededException;
import com.xhsgraph.service.model.BudgetStatus;
import com.xhsgraph.service.model.ClientData;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.ClientProxy;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import graphql.GraphQLError;
import graphql.GraphQLException;
import graphql.GraphqlErrorBuilder;
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
    private final RequestClients clients;
    private final PersistedDocuments documents;
    private final BudgetService budgets;

    GraphQLEndpoint(XhsConfig config, QueryPlanner planner, QueryAdmission admission, GraphQLExecutor executor,
            RequestCost cost, MeterRegistry metrics, ObjectMapper json, TimeSource time, RequestClients clients,
            PersistedDocuments documents, BudgetService budgets) {
        this.time = time;
        this.clients = clients;
        this.documents = documents;
        this.budgets = budgets;
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
        router.route(PATH).order(ORDER + 1).method(HttpMethod.POST).method(HttpMethod.GET).handler(this::handle);
        router.route(PATH).order(ORDER).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                respond(ctx, 413, JSON, error("The request body is larger than " + config.graph().maxRequestBytes()
                        + " bytes", ErrorCode.BAD_REQUEST, Map.of()));
            } else {
                ctx.next();
            }
        });
    }

    /**
     * Reads a POST body whole before authentication starts (a filter above Quarkus' authentication): an identity
     * looked up asynchronously (a key in the database) would otherwise let the body arrive and end before the route's
     * body handler was attached ("Request has already been read", an HTTP 500 under concurrent requests).
     */
    void readBodiesFirst(@Observes Filters filters) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.graph().maxRequestBytes());
        filters.register(ctx -> {
            if (ctx.request().method() == HttpMethod.POST && PATH.equals(ctx.normalizedPath())) {
                body.handle(ctx);
            } else {
                ctx.next();
            }
        }, SecurityHandlerPriorities.AUTHENTICATION + 50);
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
        ClientData client = clients.of(ctx);
        if (client == null) {
            respond(ctx, 401, contentType, error("An API key (Authorization: Bearer xhs_...) is needed",
                    ErrorCode.UNAUTHENTICATED, Map.of()), "www-authenticate", "Bearer realm=\"xhs-graph\"");
            return;
        }
        String origin = ctx.request().getHeader("origin");
        if (origin != null && !client.allowsOrigin(origin)) {
            respond(ctx, 403, contentType, error("The key of this client may not be used from " + origin,
                    ErrorCode.FORBIDDEN, Map.of()));
            return;
        }
        Deadline deadline = new Deadline();
        ctx.put(Deadline.KEY, deadline);
        long timeout = Math.max(1, config.graph().requestTimeout().toMillis());
        long timer = ctx.vertx().setTimer(timeout, id -> {
            deadline.cancel("the request ran past its deadline of " + timeout + " ms");
            if (!ctx.response().ended() && !ctx.response().closed()) {
                metrics.counter("xhs.graphql.requests.deadline").increment();
                respond(ctx, 504, contentType, error("The request ran past its deadline of " + timeout + " ms; the "
                        + "upstream calls it made are stored and serve the next request", ErrorCode.DEADLINE_EXCEEDED,
                        Map.of("timeoutMillis", timeout)));
            }
        });
        ctx.addEndHandler(ended -> {
            ctx.vertx().cancelTimer(timer);
            if (ended.failed()) {
                // the connection closed before the response ended: the client went away
                metrics.counter("xhs.graphql.requests.abandoned").increment();
                deadline.cancel("its client disconnected");
            }
        });
        Context requestContext = Vertx.currentContext();
        Uni.createFrom().deferred(() -> documents.resolve(request, client)).subscribe().with(
                resolved -> onContext(requestContext,
                        () -> planAndRun(ctx, arrived, arrivedAt, resolved, client, contentType)),
                failure -> onContext(requestContext, () -> {
                    if (failure instanceof PersistedDocuments.Refused refused) {
                        respond(ctx, refused.status, contentType,
                                error(refused.getMessage(), refused.code, Map.of()));
                    } else {
                        Log.error("Could not look a persisted query up", failure);
                        respond(ctx, 503, contentType, error("Persisted queries cannot be read now; send the query",
                                ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED, Map.of()), "retry-after", "5");
                    }
                }));
    }

    private void planAndRun(RoutingContext ctx, long arrived, Instant arrivedAt, GraphQLRequest request,
            ClientData client, String contentType) {
        QueryPlanner.Plan plan;
        try {
            plan = planner.plan(request);
        } catch (QueryPlanner.TooLarge tooLarge) {
            metrics.counter("xhs.graphql.requests.invalid").increment();
            respond(ctx, 400, contentType, error(tooLarge.getMessage(), ErrorCode.BAD_REQUEST, Map.of()));
            return;
        } catch (GraphQLException e) {
            // variables that do not fit the operation, or an operation the document does not have
            invalid(ctx, contentType, List.of(e instanceof GraphQLError error
                    ? error
                    : GraphqlErrorBuilder.newError().message(e.getMessage()).build()));
            return;
        } catch (RuntimeException e) {
            if (e instanceof GraphQLError error) {
                invalid(ctx, contentType, List.of(error));
                return;
            }
            Log.error("Could not plan a GraphQL request", e);
            respond(ctx, 500, contentType, error("Internal error", ErrorCode.INTERNAL, Map.of()));
            return;
        }
        if (plan instanceof QueryPlanner.Invalid invalid) {
            invalid(ctx, contentType, invalid.errors());
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
        Context requestContext = Vertx.currentContext();
        budgets.reserve(client, valid.estimate().calls()).subscribe().with(
                hold -> onContext(requestContext, () -> admission.admit(ctx,
                        slot -> execute(ctx, arrived, arrivedAt, request, valid, contentType, hold, slot),
                        (refused, why) -> {
                            release(hold);
                            respond(refused, 503, contentType, error("The service is busy (" + why
                                    + "); try again shortly", ErrorCode.OVERLOADED, Map.of()), "retry-after", "1");
                        })),
                failure -> onContext(requestContext, () -> {
                    if (failure instanceof BudgetExceededException over) {
                        metrics.counter("xhs.client.budget.rejections").increment();
                        BudgetStatus status = over.status();
                        rateLimitHeaders(ctx, status);
                        respond(ctx, 429, contentType, error(over.getMessage(), ErrorCode.CLIENT_BUDGET_EXCEEDED,
                                Map.of("estimatedCalls", over.estimate(), "remaining", status.remaining(),
                                        "resetAt", status.resetAt().toString())),
                                "retry-after", String.valueOf(Math.max(1,
                                        Duration.between(time.now(), status.resetAt()).toSeconds())));
                    } else if (clients.failOpen(client)) {
                        Log.warnf("The budget of %s cannot be checked (%s); the service is open, the query runs",
                                client.id(), failure.toString());
                        admission.admit(ctx,
                                slot -> execute(ctx, arrived, arrivedAt, request, valid, contentType, null, slot),
                                (refused, why) -> respond(refused, 503, contentType, error("The service is busy ("
                                        + why + "); try again shortly", ErrorCode.OVERLOADED, Map.of()),
                                        "retry-after", "1"));
                    } else {
                        Log.errorf("The budget of %s cannot be checked: %s", client.id(), failure.toString());
                        respond(ctx, 503, contentType, error("The client's budget cannot be checked now; nothing was "
                                + "spent; try again shortly", ErrorCode.BUDGET_UNAVAILABLE, Map.of()),
                                "retry-after", "5");
                    }
                }));
    }

    /**
     * Answers a document that does not parse or validate, or whose variables do not fit it, without executing anything
     * (a dry run included): the errors as graphql-java reports them, each with the code {@code INVALID_QUERY}, and no
     * {@code data}; HTTP 400 in {@code application/graphql-response+json}, 200 in {@code application/json}, as the
     * GraphQL-over-HTTP specification says.
     */
    private void invalid(RoutingContext ctx, String contentType, List<GraphQLError> errors) {
        metrics.counter("xhs.graphql.requests.invalid").increment();
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (GraphQLError e : errors) {
            Map<String, Object> spec = new LinkedHashMap<>(e.toSpecification());
            Map<String, Object> extensions = new LinkedHashMap<>();
            if (spec.get("extensions") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> extensions.put(String.valueOf(k), v));
            }
            if (e.getErrorType() != null) {
                extensions.putIfAbsent("classification", e.getErrorType().toString());
            }
            extensions.put("code", ErrorCode.INVALID_QUERY.name());
            spec.put("extensions", extensions);
            list.add(spec);
        }
        respond(ctx, GRAPHQL_RESPONSE.equals(contentType) ? 400 : 200, contentType, Map.of("errors", list));
    }

    /**
     * Whether a request may still start upstream calls: cancelled when its deadline passes or its client disconnects,
     * which stops the request's execution from starting new calls (those in flight finish and are stored).
     */
    static final class Deadline {
        static final String KEY = "xhs.deadline";
        private volatile String cancelled;
        private volatile RequestCost running;

        void running(RequestCost cost) {
            running = cost;
            if (cancelled != null) {
                cost.cancel(cancelled);
            }
        }

        void cancel(String why) {
            if (cancelled == null) {
                cancelled = why;
            }
            RequestCost cost = running;
            if (cost != null) {
                cost.cancel(why);
            }
        }

        String cancelled() {
            return cancelled;
        }
    }

    /** Runs {@code work} on the request's Vert.x context (callbacks of the database may come on another). */
    private static void onContext(Context context, Runnable work) {
        if (context == null || Vertx.currentContext() == context) {
            work.run();
        } else {
            context.runOnContext(ignored -> work.run());
        }
    }

    private void release(BudgetService.Hold hold) {
        budgets.charge(hold, Map.of()).subscribe().with(ignored -> {
        }, failure -> Log.warnf("Could not release a budget reservation of %s: %s", hold.client().id(),
                failure.toString()));
    }

    /** The client's standing in GitHub's shape: limit, remaining, used, and the reset as epoch seconds. */
    private static void rateLimitHeaders(RoutingContext ctx, BudgetStatus status) {
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().putHeader("X-RateLimit-Limit", String.valueOf(status.limit()))
                .putHeader("X-RateLimit-Remaining", String.valueOf(status.remaining()))
                .putHeader("X-RateLimit-Used", String.valueOf(status.used()))
                .putHeader("X-RateLimit-Reset", String.valueOf(status.resetAt().getEpochSecond()))
                .putHeader("X-RateLimit-Resource", "upstream-calls");
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
            QueryPlanner.Valid valid, String contentType, BudgetService.Hold hold, Runnable slot) {
        Deadline deadline = ctx.get(Deadline.KEY);
        if (deadline != null && deadline.cancelled() != null) {
            // past its deadline or its client gone while it waited: nothing runs
            slot.run();
            if (hold != null) {
                release(hold);
            }
            return;
        }
        RequestCost[] requestCost = new RequestCost[1];
        Context requestContext = Vertx.currentContext();
        executor.execute(ctx, request.query(), valid.document(), valid.fields(), request.operationName(),
                reader.write(request.variables()), reader.write(request.extensions()),
                () -> {
                    requestCost[0] = ClientProxy.unwrap(cost);
                    requestCost[0].arrived(arrived, arrivedAt);
                    if (hold != null) {
                        requestCost[0].payer(new RequestCost.Payer(hold.client().id(), hold.day(), hold.leaseId()));
                    }
                    if (deadline != null) {
                        deadline.running(requestCost[0]);
                    }
                },
                result -> {
                    slot.run();
                    RequestCost.Totals totals = requestCost[0].totals();
                    Timer.builder("xhs.graphql.requests").description("GraphQL requests, by outcome")
                            .tag("errors", String.valueOf(result.errors()))
                            .tag("upstream", totals.calls() > 0 ? "called" : "none")
                            .publishPercentileHistogram()
                            .register(metrics).record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
                    JsonObject body = withExtensions(result.body(), totals, requestCost[0].warnings());
                    charged(hold, requestCost[0], requestContext, status -> {
                        if (!ctx.response().ended() && !ctx.response().closed()) {
                            if (status != null) {
                                rateLimitHeaders(ctx, status);
                            }
                            ctx.response().setStatusCode(200)
                                    .putHeader("content-type", contentType + "; charset=utf-8").end(body.toString());
                        }
                    });
                },
                failure -> {
                    slot.run();
                    Log.error("GraphQL execution failed", failure);
                    charged(hold, requestCost[0], requestContext, status -> respond(ctx, 500, contentType,
                            error("Internal error", ErrorCode.INTERNAL, Map.of())));
                });
    }

    /**
     * Charges the client what the request caused and gives its reservation back, then hands where the client stands
     * (null when unknown) to {@code then}, on the request's context. A charge that cannot be written is logged; the
     * reservation then runs out by itself.
     */
    private void charged(BudgetService.Hold hold, RequestCost requestCost, Context context,
            java.util.function.Consumer<BudgetStatus> then) {
        if (hold == null) {
            then.accept(null);
            return;
        }
        Map<String, long[]> byEndpoint = requestCost == null ? Map.of() : requestCost.byEndpoint();
        budgets.charge(hold, byEndpoint).subscribe().with(
                status -> onContext(context, () -> then.accept(status)),
                failure -> onContext(context, () -> {
                    Log.errorf("Could not charge %s for %s: %s", hold.client().id(), byEndpoint.keySet(),
                            failure.toString());
                    then.accept(null);
                }));
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
        JsonObjectBuilder answer = JSONP.createObjectBuilder(body).add("extensions", extensions);
        if (body.containsKey("errors") && body.get("errors").getValueType() == JsonValue.ValueType.ARRAY) {
            answer.add("errors", withApiCodes(body.getJsonArray("errors")));
        }
        return answer.build();
    }

    /**
     * The errors with the API's codes where Quarkus Security refused a field ({@code @RolesAllowed}): SmallRye names
     * those after the exception ({@code forbidden}, {@code unauthorized}).
     */
    private static JsonArrayBuilder withApiCodes(jakarta.json.JsonArray errors) {
        JsonArrayBuilder list = JSONP.createArrayBuilder();
        for (JsonValue value : errors) {
            if (value instanceof JsonObject error && error.get("extensions") instanceof JsonObject ext
                    && ext.get("code") instanceof jakarta.json.JsonString code
                    && SECURITY_CODES.containsKey(code.getString())) {
                ErrorCode api = SECURITY_CODES.get(code.getString());
                list.add(JSONP.createObjectBuilder(error)
                        .add("message", api == ErrorCode.FORBIDDEN
                                ? "Only admins may ask for this field"
                                : "An API key or a bearer token is needed for this field")
                        .add("extensions", JSONP.createObjectBuilder(ext).add("code", api.name())));
            } else {
                list.add(value);
            }
        }
        return list;
    }

    private static final Map<String, ErrorCode> SECURITY_CODES = Map.of("forbidden", ErrorCode.FORBIDDEN,
            "unauthorized", ErrorCode.UNAUTHENTICATED);

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
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
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
