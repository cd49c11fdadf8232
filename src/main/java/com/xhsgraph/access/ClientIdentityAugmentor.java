package com.xhsgraph.access;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.ClientService;
import com.xhsgraph.service.model.ClientData;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Gives an identity that is not an API key's its client: a bearer token of the configured OIDC issuer becomes the
 * client named after its subject (the one an admin created under that name, or else a client with the OIDC budget;
 * an admin when the token carries the configured admin role).
 */
@ApplicationScoped
public class ClientIdentityAugmentor implements SecurityIdentityAugmentor {

    private final ClientService clients;
    private final XhsConfig config;

    ClientIdentityAugmentor(ClientService clients, XhsConfig config) {
        this.clients = clients;
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(ClientData.IDENTITY_ATTRIBUTE) != null) {
            return Uni.createFrom().item(identity);
        }
        String name = identity.getPrincipal().getName();
        boolean admin = identity.hasRole(config.access().oidcAdminRole());
        return clients.byId(name).map(found -> {
            ClientData client = found.orElseGet(() -> new ClientData(name, admin ? ClientData.ADMIN : ClientData.CLIENT,
                    config.access().oidcDailyBudget(), List.of(), null, null, null));
            if (client.revoked()) {
                throw new io.quarkus.security.AuthenticationFailedException("The client " + name + " is revoked");
            }
            if (admin && !ClientData.ADMIN.equals(client.role())) {
                client = new ClientData(client.id(), ClientData.ADMIN, client.dailyBudget(), client.allowedOrigins(),
                        client.keyPrefix(), client.createdAt(), client.revokedAt());
            }
            return ApiKeyIdentityProvider.identity(client);
        });
    }
}
