package com.xhsgraph.access;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.ClientService;
import com.xhsgraph.service.model.ClientData;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The client holding an API key: its name is the principal, its role the one role, the client an attribute. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final ClientService clients;

    ApiKeyIdentityProvider(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return clients.byKey(request.key()).map(found -> identity(found
                .orElseThrow(() -> new AuthenticationFailedException("Unknown or revoked API key"))));
    }

    static SecurityIdentity identity(ClientData client) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(client.id()))
                .addRole(client.role()).addAttribute(ClientData.IDENTITY_ATTRIBUTE, client).build();
    }
}
