package com.xhsgraph.upstream.justoneapi;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import com.xhsgraph.config.XhsConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * Decides once, at start-up, where upstream calls go: Just One API with the configured token, or the built-in demo
 * upstream. Refuses to start a packaged application that has neither a token nor the demo explicitly enabled.
 */
@Startup
@Singleton
public class UpstreamTarget {

    /** Token sent to the demo upstream, which accepts any. */
    static final String DEMO_TOKEN = "demo";

    private final boolean demo;
    private final String token;
    private final String configuredBaseUrl;
    private final String demoPath;

    UpstreamTarget(XhsConfig config, Instance<DemoUpstream> demoUpstream) {
        Optional<String> configuredToken = config.upstream().token().map(String::trim).filter(t -> !t.isEmpty());
        this.configuredBaseUrl = stripTrailingSlash(config.upstream().baseUrl());
        this.demo = useDemo(configuredToken.isPresent(), config.demo().enabled(),
                LaunchMode.current() != LaunchMode.NORMAL, !demoUpstream.isUnsatisfied());
        if (demo) {
            this.token = DEMO_TOKEN;
            this.demoPath = demoUpstream.get().basePath();
            Log.warn("DEMO DATA: every answer comes from the built-in demo upstream (recorded example responses, "
                    + "not live Xiaohongshu data). Set JUSTONEAPI_TOKEN to call Just One API.");
            configuredToken.ifPresent(t -> Log.warn("xhs.demo.enabled=true: the configured token is not used"));
        } else {
            this.token = configuredToken.orElseThrow();
            this.demoPath = null;
            URI uri = URI.create(configuredBaseUrl);
            if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
                Log.warnf("JUSTONEAPI_BASE_URL %s is plain HTTP: the token travels in clear text. "
                        + "Use https://api.justoneapi.com unless prod-cn is measurably faster from where this runs.",
                        configuredBaseUrl);
            }
            Log.infof("Upstream: Just One API at %s", configuredBaseUrl);
        }
    }

    /**
     * Whether to serve the demo upstream.
     *
     * @param hasToken a token is configured
     * @param demoSetting {@code xhs.demo.enabled}, if set
     * @param devOrTest dev or test launch mode
     * @param demoInBuild the build includes the demo upstream
     * @throws IllegalStateException when the service cannot start: no token and no demo, or a demo the build lacks
     */
    static boolean useDemo(boolean hasToken, Optional<Boolean> demoSetting, boolean devOrTest, boolean demoInBuild) {
        boolean demo = demoSetting.orElse(!hasToken && devOrTest);
        if (demo && !demoInBuild) {
            throw new IllegalStateException("xhs.demo.enabled is true but this build does not include the demo "
                    + "upstream (production build). Set JUSTONEAPI_TOKEN to call Just One API.");
        }
        if (!demo && !hasToken) {
            throw new IllegalStateException(demoInBuild
                    ? "No upstream configured: set JUSTONEAPI_TOKEN to call Just One API, "
                            + "or set XHS_DEMO_ENABLED=true to serve the built-in demo data."
                    : "No upstream configured: set JUSTONEAPI_TOKEN to call Just One API "
                            + "(this production build has no demo upstream).");
        }
        return demo;
    }

    /** True when calls go to the built-in demo upstream. */
    public boolean demo() {
        return demo;
    }

    /** {@code text} without the token: a {@code token=} parameter's value, and the token wherever else it stands. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = TOKEN_PARAM.matcher(text).replaceAll("$1***");
        return token == null || token.isEmpty() ? redacted : redacted.replace(token, "***");
    }

    private static final java.util.regex.Pattern TOKEN_PARAM = java.util.regex.Pattern
            .compile("(?i)(token=)[^&#\\s\"']+");

    String token() {
        return token;
    }

    /** The base URL calls go to; for the demo, this service's own HTTP port (known only once it listens). */
    String baseUrl() {
        if (!demo) {
            return configuredBaseUrl;
        }
        var config = ConfigProvider.getConfig();
        String portKey = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = config.getOptionalValue(portKey, Integer.class).orElse(8080);
        return "http://127.0.0.1:" + port + demoPath;
    }

    private static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
