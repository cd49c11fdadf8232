package com.xhsgraph.service;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.ClientData;
import com.xhsgraph.service.model.InvalidInputException;
import com.xhsgraph.service.model.NotFoundException;
import com.xhsgraph.snapshot.ClientStore;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The clients that may spend: API keys (kept as SHA-256 hashes, shown once when created), their roles and budgets.
 * Keys are random and long, so a fast unsalted hash is what protects them at rest; a slow password hash would only slow
 * every request down.
 */
@ApplicationScoped
public class ClientService {

    /** Every key starts with this, so that it is recognised in logs, in secret scanners and beside OIDC tokens. */
    public static final String KEY_PREFIX = "xhs_";
    private static final int SHOWN_PREFIX = 12;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A client with its new key: the only time the key is seen. */
    public record Created(ClientData client, String key) {}

    private final ClientStore store;
    private final XhsConfig config;
    private final TimeSource time;
    private final AsyncCache<String, Optional<ClientData>> byHash;
    private final boolean keyRequired;
    private final ClientData anonymous;

    ClientService(ClientStore store, XhsConfig config, TimeSource time) {
        this.store = store;
        this.config = config;
        this.time = time;
        this.keyRequired = config.access().requireKey().orElse(
                LaunchMode.current() == LaunchMode.NORMAL && !config.demo().enabled().orElse(false));
        this.anonymous = new ClientData(ClientData.ANONYMOUS, ClientData.CLIENT, config.access().anonymousDailyBudget(),
                List.of(), null, null, null);
        this.byHash = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.access().keyCacheTtl())
                .buildAsync();
    }

    /**
     * Whether requests need a key (or an OIDC token). Open in dev mode, in tests and for the demo, to the anonymous
     * client; closed in a packaged application unless {@code xhs.access.require-key} says otherwise.
     */
    public boolean keyRequired() {
        return keyRequired;
    }

    /** The client of requests without a key, where those are allowed. */
    public ClientData anonymous() {
        return anonymous;
    }

    /** Makes the configured admin key valid at start-up. */
    void bootstrap(@Observes StartupEvent started) {
        Optional<String> key = config.access().adminKey().filter(k -> !k.isBlank());
        if (key.isEmpty()) {
            return;
        }
        if (!key.get().startsWith(KEY_PREFIX) || key.get().length() < KEY_PREFIX.length() + 32) {
            throw new IllegalStateException("xhs.access.admin-key (XHS_ADMIN_KEY) must be " + KEY_PREFIX
                    + " followed by at least 32 characters, e.g. " + KEY_PREFIX + "$(openssl rand -hex 32)");
        }
        ClientData admin = new ClientData(config.access().adminName(), ClientData.ADMIN,
                config.access().adminDailyBudget(), List.of(), shown(key.get()), time.now(), null);
        store.ensureAdmin(admin, hash(key.get())).await().indefinitely();
        Log.infof("Admin key %s... is valid for client '%s'", shown(key.get()), admin.id());
    }

    /** The client holding {@code key}; empty when no client does or its key is revoked. */
    public Uni<Optional<ClientData>> byKey(String key) {
        String hash = hash(key);
        return Uni.createFrom().completionStage(() -> byHash.get(hash,
                (h, executor) -> store.byKeyHash(h).subscribeAsCompletionStage()))
                .map(found -> found.filter(c -> !c.revoked()));
    }

    /** The client of that name, if one was created. */
    public Uni<Optional<ClientData>> byId(String id) {
        return store.byId(id);
    }

    public Uni<List<ClientData>> all() {
        return store.all();
    }

    /** Creates a client with a new key. */
    public Uni<Created> create(String name, String role, int dailyBudget, List<String> allowedOrigins) {
        if (name == null || !NAME.matcher(name).matches() || ClientData.ANONYMOUS.equals(name)) {
            throw new InvalidInputException("A client name is 1 to 63 characters of a-z, 0-9, '.', '_' and '-', "
                    + "starting with a letter or a digit, and not 'anonymous'");
        }
        if (!ClientData.CLIENT.equals(role) && !ClientData.ADMIN.equals(role)) {
            throw new InvalidInputException("A role is 'client' or 'admin'");
        }
        if (dailyBudget < 0) {
            throw new InvalidInputException("`dailyBudget` must be 0 or more billed calls");
        }
        List<String> origins = allowedOrigins == null ? List.of() : allowedOrigins;
        for (String origin : origins) {
            if (origin == null || !ORIGIN.matcher(origin).matches()) {
                throw new InvalidInputException("An origin is a scheme, a host and maybe a port, e.g. "
                        + "https://app.example.com; got " + origin);
            }
        }
        String key = newKey();
        ClientData client = new ClientData(name, role, dailyBudget, origins, shown(key), time.now(), null);
        return store.create(client, hash(key)).map(created -> {
            if (!created) {
                throw new InvalidInputException("A client named '" + name + "' exists already");
            }
            return new Created(client, key);
        });
    }

    /** Revokes the client's key at once on this instance (within the key cache's life on the others). */
    public Uni<ClientData> revoke(String name) {
        return store.revoke(name, time.now()).map(found -> {
            byHash.synchronous().invalidateAll();
            return found.orElseThrow(() -> new NotFoundException("No client named '" + name + "'"));
        });
    }

    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the key, in hex: what is stored and looked up. */
    static String hash(String key) {
        return DocumentService.sha256(key);
    }

    private static String shown(String key) {
        return key.substring(0, Math.min(SHOWN_PREFIX, key.length()));
    }
}
