package com.xhsgraph.access;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.ClientService;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads an API key from {@code Authorization: Bearer xhs_...}. Bearer tokens without the key prefix are left to the
 * OIDC mechanism, which accepts them where an issuer is configured; without a token the request is anonymous, which
 * {@link ClientAccessPolicy} allows only where the service is open. A refused request gets HTTP 401 with a JSON error
 * body and {@code WWW-Authenticate: Bearer}.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            // this mechanism answers the challenge when the credentials are refused, whoever refused them
            context.put(HttpAuthenticationMechanism.class.getName(), this);
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (!token.startsWith(ClientService.KEY_PREFIX)) {
            // an OIDC token, if an issuer is configured; refused by the policy otherwise
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new ApiKeyAuthenticationRequest(token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"xhs-graph\""));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended()) {
            context.response().setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Bearer realm=\"xhs-graph\"")
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .end("{\"errors\":[{\"message\":\"An API key (Authorization: Bearer xhs_...) or a bearer token "
                            + "of the configured OIDC issuer is needed, valid and not revoked\","
                            + "\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}");
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    /** Before the OIDC mechanism (priority 1001 by default), which would try to read an API key as a token. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 2000;
    }
}
