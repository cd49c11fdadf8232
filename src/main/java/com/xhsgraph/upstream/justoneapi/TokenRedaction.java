package com.xhsgraph.upstream.justoneapi;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps the upstream token out of traces: Just One API takes it in the query string, so the client span of every call
 * would carry it in {@code url.full}. Rewritten as each span starts, before any exporter sees it. (The token never
 * reaches logs, metric tags or error messages: {@link JustOneApiClient#redact} cleans every text that may hold a URL,
 * and the HTTP client metrics are tagged with the path only; both use {@link UpstreamTarget#redact}.)
 */
@ApplicationScoped
public class TokenRedaction implements SpanProcessor {

    private static final List<AttributeKey<String>> URL_ATTRIBUTES = List.of(AttributeKey.stringKey("url.full"),
            AttributeKey.stringKey("url.query"), AttributeKey.stringKey("http.url"),
            AttributeKey.stringKey("http.target"), AttributeKey.stringKey("url.original"));

    private final UpstreamTarget target;

    TokenRedaction(UpstreamTarget target) {
        this.target = target;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : URL_ATTRIBUTES) {
            String value = span.getAttribute(key);
            if (value != null) {
                String clean = target.redact(value);
                if (!clean.equals(value)) {
                    span.setAttribute(key, clean);
                }
            }
        }
        if (span.getName() != null && span.getName().contains("token=")) {
            span.updateName(target.redact(span.getName()));
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
