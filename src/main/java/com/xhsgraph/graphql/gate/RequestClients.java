package com.xhsgraph.graphql.gate;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.ClientService;
import com.xhsgraph.service.model.ClientData;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/** The client a request belongs to, from the identity Quarkus Security established for it. */
@ApplicationScoped
public class RequestClients {

    private final ClientService clients;

    RequestClients(ClientService clients) {
        this.clients = clients;
    }

    /** The request's client: its key's or token's, or the anonymous one; null when it has none and needs one. */
    public ClientData of(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()
                    && identity.getAttribute(ClientData.IDENTITY_ATTRIBUTE) instanceof ClientData client) {
                return client;
            }
        }
        return clients.keyRequired() ? null : clients.anonymous();
    }

    /**
     * Whether a query of {@code client} may run when its budget cannot be checked: only where the service is open
     * (dev mode, tests, the demo) and only for the anonymous client.
     */
    public boolean failOpen(ClientData client) {
        return !clients.keyRequired() && ClientData.ANONYMOUS.equals(client.id());
    }
}
