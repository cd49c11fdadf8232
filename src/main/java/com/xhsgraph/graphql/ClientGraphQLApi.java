package com.xhsgraph.graphql;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.xhsgraph.graphql.type.Client;
import com.xhsgraph.graphql.type.ClientUsage;
import com.xhsgraph.graphql.type.NewClient;
import com.xhsgraph.graphql.type.Viewer;
import com.xhsgraph.service.BudgetService;
import com.xhsgraph.service.ClientService;
import com.xhsgraph.service.DocumentService;
import com.xhsgraph.service.model.ClientData;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** {@code Query.viewer} for every client; clients, their keys, their usage and trusted documents for admins. */
@GraphQLApi
public class ClientGraphQLApi {

    static final String ADMIN = ClientData.ADMIN;

    private final ClientService clients;
    private final BudgetService budgets;
    private final DocumentService documents;
    private final SecurityIdentity identity;

    ClientGraphQLApi(ClientService clients, BudgetService budgets, DocumentService documents,
            SecurityIdentity identity) {
        this.clients = clients;
        this.budgets = budgets;
        this.documents = documents;
        this.identity = identity;
    }

    @Query("viewer")
    @NonNull
    @Description("The client making this request and its budget. Costs no upstream call.")
    public Uni<Viewer> viewer() {
        return Resolvers.guard(() -> {
            ClientData client = current();
            return budgets.status(client).map(status -> new Viewer(client.id(), client.role(), status.limit(),
                    status.used(), status.remaining(), status.resetAt()));
        });
    }

    @Query("clients")
    @NonNull
    @RolesAllowed(ADMIN)
    @Description("Every client, revoked ones included. For admins.")
    public Uni<List<@NonNull Client>> clients() {
        return Resolvers.guard(() -> clients.all().map(all -> all.stream().map(ClientGraphQLApi::client).toList()));
    }

    @Mutation("createClient")
    @NonNull
    @RolesAllowed(ADMIN)
    @Description("Creates a client with a new API key, shown once in the answer. For admins.")
    public Uni<NewClient> createClient(
            @Name("name") @NonNull @Description("Unique: 1 to 63 characters of a-z, 0-9, '.', '_' and '-'.") String name,
            @Name("dailyBudget") @NonNull @Description("Billed upstream calls it may cause per day.") int dailyBudget,
            @Name("role") @DefaultValue("client") @Description("`client`, or `admin` to manage clients.") String role,
            @Name("allowedOrigins") @Description("Browser origins its key may be used from (e.g. https://app.example.com); none: the ones the service allows.") List<String> allowedOrigins) {
        return Resolvers.guard(() -> clients.create(name, role, dailyBudget, allowedOrigins)
                .map(created -> new NewClient(client(created.client()), created.key())));
    }

    @Mutation("revokeClient")
    @NonNull
    @RolesAllowed(ADMIN)
    @Description("Revokes a client's key at once (on other instances within xhs.access.key-cache-ttl); its usage stays. For admins.")
    public Uni<Client> revokeClient(@Name("name") @NonNull @Description("The client's name.") String name) {
        return Resolvers.guard(() -> clients.revoke(name).map(ClientGraphQLApi::client));
    }

    @Mutation("trustDocuments")
    @NonNull
    @RolesAllowed(ADMIN)
    @Description("Registers GraphQL documents as trusted: the ones that run under trusted-documents-only mode, by hash or in full. Returns their SHA-256 hashes, in order. For admins.")
    public Uni<List<@NonNull String>> trustDocuments(
            @Name("documents") @NonNull @Description("The documents, each exactly as clients will send it.") List<@NonNull String> texts) {
        return Resolvers.guard(() -> documents.trust(texts));
    }

    @Query("clientUsage")
    @NonNull
    @RolesAllowed(ADMIN)
    @Description("Just One API calls per client, endpoint and day: what each client's budget was charged. For admins.")
    public Uni<List<@NonNull ClientUsage>> clientUsage(
            @Name("from") @Description("First day, inclusive; default 30 days before `to`.") LocalDate from,
            @Name("to") @Description("Last day, inclusive; default today.") LocalDate to,
            @Name("client") @Description("Only this client's.") String client) {
        return Resolvers.guard(() -> {
            LocalDate last = to == null ? budgets.today() : to;
            LocalDate first = from == null ? last.minusDays(30) : from;
            if (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) > 366) {
                throw new ApiError(ErrorCode.INVALID_ARGUMENT, "Ask for 1 to 366 days, `from` not after `to`");
            }
            return budgets.usage(first, last, client).map(rows -> rows.stream()
                    .map(r -> new ClientUsage(r.day(), r.clientId(), r.endpoint(), r.calls(), r.billed())).toList());
        });
    }

    /** The request's client: its key's or token's, else the anonymous one (where the service is open). */
    private ClientData current() {
        if (!identity.isAnonymous()
                && identity.getAttribute(ClientData.IDENTITY_ATTRIBUTE) instanceof ClientData client) {
            return client;
        }
        return clients.anonymous();
    }

    private static Client client(ClientData c) {
        return new Client(c.id(), c.role(), c.dailyBudget(), c.allowedOrigins(), c.keyPrefix(), c.createdAt(),
                c.revokedAt());
    }
}
