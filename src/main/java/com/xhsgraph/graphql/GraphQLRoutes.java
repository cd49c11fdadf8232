package com.xhsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;

/**
 * What runs on {@code /graphql} before SmallRye GraphQL executes a query, in this order, and how those steps answer
 * when they answer themselves.
 */
final class GraphQLRoutes {

    static final String PATH = "/graphql";
    /** Reads the body, so that the steps below can look at the query. */
    static final int READ_BODY = -20;
    /** {@link QueryBudgetFilter}: the estimated upstream calls against the budget, and dry runs. */
    static final int CHECK_BUDGET = -10;
    /** {@link QueryAdmission}: at most so many queries at once. */
    static final int ADMIT = -5;

    private GraphQLRoutes() {}

    /** A GraphQL response body with one error carrying {@code extensions}, and no data. */
    static Map<String, Object> error(String message, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", message, "extensions", extensions)));
        body.put("data", null);
        return body;
    }

    /** Ends the response with {@code body} as JSON; {@code headers} in name, value pairs. */
    static void respond(RoutingContext ctx, ObjectMapper json, int status, Map<String, Object> body,
            String... headers) {
        try {
            String text = json.writeValueAsString(body);
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                ctx.response().putHeader(headers[i], headers[i + 1]);
            }
            ctx.response().end(text);
        } catch (Exception e) {
            ctx.fail(e);
        }
    }
}
