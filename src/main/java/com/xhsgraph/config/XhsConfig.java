package com.xhsgraph.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the service, under the one prefix {@code xhs}. The README's configuration table lists the
 * environment variable for each.
 */
@ConfigMapping(prefix = "xhs")
public interface XhsConfig {

    /** The paid upstream, Just One API. */
    Upstream upstream();

    /** The built-in demo upstream served from recorded example responses. */
    Demo demo();

    /** Limits on what one GraphQL request may ask for. */
    Graph graph();

    /** Serving from the snapshots in PostgreSQL. */
    Snapshots snapshots();

    interface Upstream {
        /**
         * Base URL of Just One API (environment variable {@code JUSTONEAPI_BASE_URL}). prod-global
         * {@code https://api.justoneapi.com} by default; prod-cn {@code http://47.117.133.51:30015} is plain HTTP and
         * logs a warning at start-up because the token then travels in clear text.
         */
        @WithDefault("https://api.justoneapi.com")
        String baseUrl();

        /** The API token (environment variable {@code JUSTONEAPI_TOKEN}). Never logged, never returned. */
        Optional<String> token();

        /** How long one upstream call may take. The vendor recommends at least 60 s to avoid double billing. */
        @WithDefault("60s")
        Duration timeout();

        /** How long opening a connection to the upstream may take. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Most upstream calls in flight at once, across all requests; further calls wait their turn. */
        @WithDefault("8")
        int maxConcurrency();
    }

    interface Demo {
        /**
         * Serve the built-in demo upstream instead of Just One API. Unset: on in dev and test mode when no token is
         * configured; a packaged application with neither a token nor {@code xhs.demo.enabled=true} refuses to start.
         */
        Optional<Boolean> enabled();
    }

    interface Graph {
        /** Largest {@code first} a connection accepts. */
        @WithDefault("100")
        int maxPageSize();
    }

    interface Snapshots {
        /** Serve snapshots only and never call the upstream; what is not stored fails with NOT_IN_SNAPSHOT. */
        @WithDefault("false")
        boolean offline();

        /** How old a snapshot may be and still be served instead of calling the upstream; {@code maxAge} overrides. */
        MaxAge maxAge();
    }

    interface MaxAge {
        /** Creator profiles. */
        @WithDefault("1h")
        Duration profile();

        /** Pages of a creator's note list. */
        @WithDefault("15m")
        Duration noteList();

        /** Note details (full text, IP location). */
        @WithDefault("1h")
        Duration noteDetail();

        /** Pages of a note's comments. */
        @WithDefault("10m")
        Duration comments();

        /** Pages of a comment's replies. */
        @WithDefault("10m")
        Duration replies();
    }
}
