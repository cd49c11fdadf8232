package com.xhsgraph.upstream.justoneapi;

/**
 * Implemented by the built-in demo upstream when the build includes it (the default build; the production build
 * leaves it out). The demo serves the same HTTP API as Just One API under {@link #basePath()} of this service.
 */
public interface DemoUpstream {

    /** Path on this service's own HTTP server under which the demo API is served, e.g. {@code /demo/justoneapi}. */
    String basePath();
}
