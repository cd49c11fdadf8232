package com.xhsgraph.graphql.gate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Opens GraphiQL on a useful query: the demo creator's notes with their latest comments, ready to run. GraphiQL takes
 * its query from the {@code query} URL parameter, so opening it without one (or opening the root path) redirects to
 * GraphiQL with this query; from then on GraphiQL keeps the URL in step with what the user types.
 */
@ApplicationScoped
public class GraphiqlDefaults {

    /** What GraphiQL shows when it is opened without a query. */
    static final String DEFAULT_QUERY = """
            # xhs-graph: a creator's notes with their latest comments. Press the run button (or Ctrl-Enter).
            # Without JUSTONEAPI_TOKEN this is demo data; every response says what it cost in extensions.upstream.
            query CreatorNotes {
              user(id: "5c2f338a000000000701e1c6") {
                nickname
                followerCount
                notes(first: 5) {
                  totalCount
                  nodes {
                    title
                    likeCount
                    commentCount
                    comments(first: 3) {
                      nodes {
                        content
                        author { nickname }
                      }
                    }
                  }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }
            """;

    private final String uiPath;

    GraphiqlDefaults(@ConfigProperty(name = "quarkus.smallrye-graphql.ui.root-path") String uiPath) {
        this.uiPath = uiPath.startsWith("/") ? uiPath : "/q/" + uiPath;
    }

    void install(@Observes Router router) {
        router.get("/").order(-100).handler(this::openWithDefaultQuery);
        // the route also matches the path with a trailing slash
        router.get(uiPath).order(-100).handler(ctx -> {
            if (ctx.request().getParam("query") == null) {
                openWithDefaultQuery(ctx);
            } else {
                ctx.next();
            }
        });
    }

    /** Where GraphiQL opens with the default query. */
    String defaultLocation() {
        return uiPath + "/?query=" + URLEncoder.encode(DEFAULT_QUERY, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void openWithDefaultQuery(RoutingContext ctx) {
        ctx.redirect(defaultLocation());
    }
}
