package com.xhsgraph.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Posts GraphQL documents to the running application over HTTP, as a frontend would. */
public final class GraphQLClient {

    private GraphQLClient() {}

    public static Response post(String query) {
        return post(query, Map.of());
    }

    public static Response post(String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200).extract().response();
    }
}
