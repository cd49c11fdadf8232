package com.xhsgraph.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.upstream.justoneapi.DemoUpstream;
import com.xhsgraph.upstream.justoneapi.UpstreamTarget;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The built-in demo upstream: {@link FakeJustOneApi} over {@link DemoDataset}, served by this service itself under
 * {@value #BASE_PATH}. The graph reaches it through the same REST client as the real API, so the demo exercises the
 * real code path.
 */
@ApplicationScoped
public class DemoUpstreamRoutes implements DemoUpstream {

    static final String BASE_PATH = "/demo/justoneapi";

    private final ObjectMapper json;
    private volatile FakeJustOneApi fake;

    DemoUpstreamRoutes(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    void install(@Observes Router router) {
        router.get(BASE_PATH + "/api/xiaohongshu/:endpoint/:version").handler(this::handle);
    }

    /** Builds the dataset at start-up when the demo is in use, so that no request pays for it. */
    void warmUp(@Observes StartupEvent event, UpstreamTarget target) {
        if (target.demo()) {
            fake();
        }
    }

    private void handle(RoutingContext ctx) {
        FakeJustOneApi.Answer answer = fake().answer(ctx.pathParam("endpoint") + "/" + ctx.pathParam("version"),
                name -> ctx.request().getParam(name));
        ctx.response().setStatusCode(answer.status()).putHeader("content-type", "application/json; charset=utf-8")
                .end(Buffer.buffer(answer.body()));
    }

    private FakeJustOneApi fake() {
        FakeJustOneApi f = fake;
        if (f == null) {
            synchronized (this) {
                if (fake == null) {
                    fake = new FakeJustOneApi(json, new DemoDataset(json));
                }
                f = fake;
            }
        }
        return f;
    }
}
