package com.xhsgraph.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Posts GraphQL documents to the running application over HTTP, as a frontend would. */
public final class GraphQLClient {

    /**
     * Threads for requests sent at once: a thread each. (Not the common pool, whose parallelism is the cores less one:
     * on two cores, depending on the JDK, its tasks may run one after the other.)
     */
    public static final java.util.concurrent.Executor AT_ONCE = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-client");
                t.setDaemon(true);
                return t;
            });

    private GraphQLClient() {}

    public static Response post(String query) {
        return post(query, Map.of());
    }

    /** The admin key the test profile makes valid at start-up ({@code xhs.access.admin-key}). */
    public static final String ADMIN_KEY = "xhs_test-admin-key-0123456789abcdef0123456789";

    public static Response post(String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200).extract().response();
    }

    /** Posts as the client holding {@code key}; any status. */
    public static Response postAs(String key, String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().extract().response();
    }
}
