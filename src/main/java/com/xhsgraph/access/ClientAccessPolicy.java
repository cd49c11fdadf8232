package com.xhsgraph.access;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.ClientService;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code xhs-client}, the policy of {@code /graphql} (see application.properties): a request needs a client, unless
 * the service is open to the anonymous client. Denied, a request without credentials gets the challenge (HTTP 401).
 */
@ApplicationScoped
public class ClientAccessPolicy implements HttpSecurityPolicy {

    private final ClientService clients;

    ClientAccessPolicy(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        return identity.map(id -> id.isAnonymous() && clients.keyRequired() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return "xhs-client";
    }
}
