package com.xhsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.config.XhsConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import graphql.language.Document;
import graphql.parser.Parser;

/**
 * Before a query runs, estimates the most upstream calls it can make ({@link QueryCostEstimator}) and refuses it with
 * {@code QUERY_BUDGET_EXCEEDED} when that exceeds the budget, before anything is spent. With the request header
 * {@value #DRY_RUN_HEADER}{@code : true} it returns the estimate and the plan without running the query at all.
 */
@ApplicationScoped
public class QueryBudgetFilter {

    public static final String DRY_RUN_HEADER = "X-Upstream-Dry-Run";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final XhsConfig config;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    /** Parsed documents by query text: frontends send the same few queries over and over. */
    private final Cache<String, Document> documents = Caffeine.newBuilder().maximumSize(1_000).build();

    QueryBudgetFilter(XhsConfig config, ObjectMapper json, MeterRegistry metrics) {
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.route(GraphQLRoutes.PATH).order(GraphQLRoutes.READ_BODY).method(HttpMethod.POST)
                .handler(BodyHandler.create());
        router.route(GraphQLRoutes.PATH).order(GraphQLRoutes.CHECK_BUDGET).method(HttpMethod.POST)
                .method(HttpMethod.GET).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        Request request;
        try {
            request = request(ctx);
        } catch (Exception unreadable) {
            ctx.next();
            return;
        }
        if (request == null || request.query() == null) {
            ctx.next();
            return;
        }
        QueryCostEstimator.Estimate estimate;
        try {
            Document document = documents.get(request.query(), Parser::parse);
            estimate = QueryCostEstimator.estimate(document, request.operationName(), request.variables(),
                    config.graph().maxPageSize());
        } catch (RuntimeException unparsable) {
            // GraphQL itself reports syntax errors
            Log.debugf("No cost estimate: %s", unparsable.getMessage());
            ctx.next();
            return;
        }
        int budget = config.graph().maxUpstreamCalls();
        boolean dryRun = "true".equalsIgnoreCase(ctx.request().getHeader(DRY_RUN_HEADER));
        if (!dryRun && estimate.calls() <= budget) {
            ctx.next();
            return;
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
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "QUERY_BUDGET_EXCEEDED");
            extensions.put("estimatedCalls", estimate.calls());
            extensions.put("budget", budget);
            body = GraphQLRoutes.error("This query could make up to " + estimate.calls()
                    + " upstream calls, more than the budget of " + budget
                    + ": ask for fewer items (first) or less nesting", extensions);
        }
        body.put("extensions", Map.of("upstream", upstream));
        GraphQLRoutes.respond(ctx, json, 200, body);
    }

    private record Request(String query, String operationName, Map<String, Object> variables) {}

    private Request request(RoutingContext ctx) throws Exception {
        if (ctx.request().method() == HttpMethod.GET) {
            String variables = ctx.request().getParam("variables");
            return new Request(ctx.request().getParam("query"), ctx.request().getParam("operationName"),
                    variables == null || variables.isBlank() ? Map.of() : json.readValue(variables, MAP));
        }
        String contentType = ctx.request().getHeader("content-type");
        if (contentType != null && contentType.startsWith("application/graphql")) {
            return new Request(ctx.body().asString(), null, Map.of());
        }
        if (ctx.body() == null || ctx.body().length() == 0) {
            return null;
        }
        JsonNode root = json.readTree(ctx.body().asString());
        if (!root.isObject()) {
            return null;
        }
        JsonNode variables = root.get("variables");
        return new Request(text(root.get("query")), text(root.get("operationName")),
                variables == null || !variables.isObject() ? Map.of() : json.convertValue(variables, MAP));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
