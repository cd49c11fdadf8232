package com.xhsgraph.access;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.ClientService;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code xhs-client}, the policy of {@code /graphql} (see application.properties): a request needs a client, unless
 * the service is open to the anonymous client. Credentials that no mechanism accepted (a bearer token where no OIDC
 * issuer is configured, another scheme) are refused even where the service is open: a client that sends credentials
 * means to be someone, and is not silently served as the anonymous client. Denied, a request gets the challenge
 * (HTTP 401).
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
        boolean credentials = request.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        return identity.map(id -> id.isAnonymous() && (clients.keyRequired() || credentials)
                ? CheckResult.DENY
                : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return "xhs-client";
    }
}
