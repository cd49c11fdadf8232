package com.xhsgraph.config;

import java.time.Duration;
import java.util.Map;
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

    /** Who may spend: API keys, OIDC tokens, the anonymous client, daily budgets. */
    Access access();

    /** The keys that sign cursors. */
    Cursors cursors();

    /** What the instances on one database share: rate limit, breaker, calls in flight. */
    Cluster cluster();

    interface Cursors {
        /**
         * Secrets that sign cursors (environment variable {@code XHS_CURSORS_KEYS}, comma-separated, each at least 32
         * characters): the first signs, all verify. To rotate, put a new key first and remove the old one after the
         * grace period you grant to cursors clients still hold. Unset: keys are generated and shared through
         * PostgreSQL, and rotate by themselves.
         */
        Optional<java.util.List<String>> keys();

        /** When keys are generated: how often a new key starts signing. */
        @WithDefault("30d")
        Duration rotation();

        /** When keys are generated: how long a key still verifies after a newer one has replaced it. */
        @WithDefault("7d")
        Duration grace();
    }

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

        /** Retries of failures that were not billed: 301, 5xx, timeouts, connection errors, and 302 after waiting. */
        Retry retry();

        /** The client-side token bucket that turns bursts of queries into a steady stream of calls. */
        RateLimit rateLimit();

        /** The breaker that stops calling after an account-level failure (100, 600, 303, 601). */
        Breaker breaker();

        /** Usage accounting: the time zone whose days the billed calls are counted in. */
        @WithDefault("Asia/Shanghai")
        java.time.ZoneId usageZone();

        /** How often usage counted in memory is added to the database. */
        @WithDefault("5s")
        Duration usageFlushInterval();
    }

    /** What the instances of the service on one database share. */
    interface Cluster {
        /**
         * Whether the upstream rate limit, the account breaker and the calls in flight are shared with the other
         * instances on the same database (one statement per upstream call); off, each instance keeps its own.
         */
        @WithDefault("true")
        boolean shared();

        /** How long a call's lease outlives the last renewal by its holder: what a dead holder blocks others. */
        @WithDefault("15s")
        Duration leaseTtl();

        /** How often a holder renews its leases; well under the lease's time to live. */
        @WithDefault("5s")
        Duration leaseRenewal();

        /** The longest pause between two looks at a call another instance is making. */
        @WithDefault("25ms")
        Duration pollInterval();

        /**
         * How long a statement that only coordinates (the rate limit and breaker, a look at a lease) may take before the
         * instance gives up on it and goes on as a lone instance would. Long enough for a busy pool: an instance that
         * gives up may make a call another instance is making.
         */
        @WithDefault("10s")
        Duration giveUpAfter();
    }

    interface Retry {
        /** Attempts per call, the first included; 1 disables retries. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the first retry; doubles with each further retry, with jitter. */
        @WithDefault("250ms")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("4s")
        Duration maxBackoff();

        /** No retry starts later than this after the first attempt. */
        @WithDefault("90s")
        Duration maxTotal();
    }

    interface RateLimit {
        /** Calls per second allowed to each endpoint (the vendor documents no limit; 302 says one was hit). */
        @WithDefault("20")
        double perSecond();

        /** Calls that may go out at once after a quiet period. */
        @WithDefault("20")
        int burst();

        /**
         * Per-endpoint calls per second, overriding {@code per-second}; keys: user, note-list, note-detail, comments,
         * replies, search-notes, search-users, share-link.
         */
        Map<String, Double> perEndpoint();

        /** A call that would wait longer than this for the rate limiter fails with UPSTREAM_RATE_LIMITED. */
        @WithDefault("10s")
        Duration maxWait();
    }

    interface Breaker {
        /** How long the service stops calling after an account-level failure. */
        @WithDefault("60s")
        Duration coolDown();
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

        /** Most upstream calls one query may make, estimated before it runs; above it QUERY_BUDGET_EXCEEDED. */
        @WithDefault("200")
        int maxUpstreamCalls();

        /**
         * Most queries executing at once; more wait for a slot. Each one in flight holds its execution state in
         * memory (a few MB for a deeply nested query), so this is what bounds the heap under a burst.
         */
        @WithDefault("32")
        int maxConcurrentQueries();

        /**
         * Longest a request may take, from its arrival: past it the client gets DEADLINE_EXCEEDED (HTTP 504), no new
         * upstream call starts for it, and the calls in flight finish and are stored for the next request.
         */
        @WithDefault("60s")
        Duration requestTimeout();

        /** Longest a query waits for a slot before it is refused with OVERLOADED (HTTP 503). */
        @WithDefault("30s")
        Duration queueTimeout();

        /** Most queries waiting for a slot; beyond it a query is refused with OVERLOADED at once. */
        @WithDefault("1000")
        int maxQueuedQueries();

        /** Largest request body accepted on {@code /graphql}, in bytes; a larger one is refused with HTTP 413. */
        @WithDefault("262144")
        int maxRequestBytes();

        /**
         * Deepest a query may nest, counting the root field as 1 and fragments expanded; deeper ones are refused before
         * anything runs. The full introspection query GraphiQL sends fits.
         */
        @WithDefault("16")
        int maxDepth();

        /**
         * Most fields a query may select once its fragments are expanded and repeated selections merged (the fields
         * execution resolves); more are refused before anything runs.
         */
        @WithDefault("2000")
        int maxFields();

        /** Memory for parsed query documents, in bytes of query text: frontends send the same few queries. */
        @WithDefault("16777216")
        long documentCacheBytes();

        /**
         * Run only documents an admin registered as trusted (sent by hash, or in full when their hash is trusted);
         * clients cannot register documents themselves. Admins may still run any document.
         */
        @WithDefault("false")
        boolean trustedDocumentsOnly();

        /** Accept automatic persisted queries (a document sent once, then by its SHA-256). */
        @WithDefault("true")
        boolean persistedQueries();
    }

    interface Access {
        /**
         * Whether {@code /graphql} needs an API key or an OIDC bearer token. Unset: it does in a packaged application
         * that does not serve the demo; dev mode, the tests and the demo are open, to an anonymous client with a
         * budget of its own.
         */
        Optional<Boolean> requireKey();

        /** Billed upstream calls a day for all requests without a key together, where those are allowed. */
        @WithDefault("1000")
        int anonymousDailyBudget();

        /**
         * The operator's first admin key, made valid at start-up under {@link #adminName()}: {@code xhs_} followed by
         * at least 32 characters (e.g. {@code xhs_$(openssl rand -hex 32)}). Admins create the other keys.
         */
        Optional<String> adminKey();

        /** The client name of {@link #adminKey()}. */
        @WithDefault("admin")
        String adminName();

        /** The daily budget of {@link #adminKey()}. */
        @WithDefault("10000")
        int adminDailyBudget();

        /**
         * The daily budget of a client known only by an OIDC token (its subject); an admin can create a client of
         * that name to give it another budget or role.
         */
        @WithDefault("1000")
        int oidcDailyBudget();

        /** An OIDC token carrying this role (in its groups) makes its holder an admin. */
        @WithDefault("xhs-admin")
        String oidcAdminRole();

        /** How long a key stays cached: a key revoked on one instance stops working on the others within this. */
        @WithDefault("30s")
        Duration keyCacheTtl();

        /**
         * How long an instance's lease on a client's budget lasts if the instance dies without giving it back; a live
         * instance renews it at half this.
         */
        @WithDefault("5m")
        Duration reservationTtl();

        /**
         * Share of a client's daily budget an instance leases at once, in percent: queries reserve their estimates from
         * the lease without a database round trip. Smaller is fairer between instances, larger is faster.
         */
        @WithDefault("5")
        int leasePercent();
    }

    interface Snapshots {
        /** Read and write snapshots at all; false makes the service a pure proxy of the upstream (benchmarks). */
        @WithDefault("true")
        boolean enabled();

        /** Snapshots kept in memory as well, most recently used first, to serve hot data without a database read. */
        @WithDefault("2000")
        int memoryCacheSize();

        /**
         * How long a "no such user/note" from the upstream is remembered, so that the same missing id is not asked
         * for (and billed) again and again.
         */
        @WithDefault("10m")
        Duration notFoundTtl();

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

        /** Pages of search results: short, results move. */
        @WithDefault("5m")
        Duration search();

        /** Expanded share links: a link's target never changes. */
        @WithDefault("3650d")
        Duration shareLink();
    }
}
