package com.xhsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.xhsgraph.service.RequestLedger;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.cdi.event.AfterExecute;
import io.smallrye.graphql.execution.context.SmallRyeContext;

/**
 * Adds to each response what the client should know about the data it got but that is not an error:
 * {@code extensions.warnings}, e.g. a stale snapshot served because the upstream failed, or data that could not be
 * stored.
 */
@ApplicationScoped
public class ResponseExtensions {

    private final RequestLedger ledger;

    ResponseExtensions(RequestLedger ledger) {
        this.ledger = ledger;
    }

    void afterExecute(@Observes @AfterExecute Context context) {
        if (!(context instanceof SmallRyeContext smallRye)) {
            return;
        }
        List<RequestLedger.Warning> warnings = ledger.warnings();
        if (!warnings.isEmpty()) {
            smallRye.addExtension("warnings", warnings.stream().map(w -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("code", w.code());
                entry.put("message", w.message());
                return entry;
            }).toList());
        }
    }
}
