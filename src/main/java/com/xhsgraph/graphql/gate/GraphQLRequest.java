package com.xhsgraph.graphql.gate;

import java.util.Map;

/**
 * A GraphQL request as this service read it from HTTP, once: what the gate checks is exactly what executes.
 *
 * @param query the document; null in a persisted query sent by its hash alone
 * @param operationName the operation to run, or null
 * @param variables the variables, never null
 * @param extensions the request extensions, never null
 * @param get whether it came as a GET (which may not run mutations)
 */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables,
        Map<String, Object> extensions, boolean get) {

    /** The same request with the document a persisted query's hash stands for. */
    public GraphQLRequest withQuery(String document) {
        return new GraphQLRequest(document, operationName, variables, extensions, get);
    }
}
