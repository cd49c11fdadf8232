package com.xhsgraph.service.fetch;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.snapshot.CursorKeyStore;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The keys cursors are signed with. Configured ({@code xhs.cursors.keys}: the first signs, all verify; rotate by putting
 * a new key first and dropping the old one after the grace period), or else generated and shared through PostgreSQL:
 * a new key every {@code xhs.cursors.rotation}, used for signing once every instance has had time to load it, and every
 * key verifying until it is older than the rotation plus {@code xhs.cursors.grace}.
 */
@ApplicationScoped
public class CursorKeys {

    /** How often the generated keys are reloaded; a new key signs only after two reloads' time. */
    static final Duration RELOAD = Duration.ofMinutes(1);
    static final Duration PROPAGATION = RELOAD.multipliedBy(2);
    static final int MIN_SECRET_CHARS = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final XhsConfig.Cursors config;
    private final CursorKeyStore store;
    private final TimeSource time;
    private volatile CursorSigner signer;

    CursorKeys(XhsConfig config, CursorKeyStore store, TimeSource time) {
        this.config = config.cursors();
        this.store = store;
        this.time = time;
    }

    /** The current signer. */
    public CursorSigner signer() {
        CursorSigner current = signer;
        if (current == null) {
            throw new IllegalStateException("the cursor keys are not loaded yet");
        }
        return current;
    }

    void load(@Observes StartupEvent started) {
        if (configured()) {
            List<byte[]> secrets = new ArrayList<>();
            for (String key : config.keys().get()) {
                if (key.strip().length() < MIN_SECRET_CHARS) {
                    throw new IllegalStateException("Every key in xhs.cursors.keys (XHS_CURSORS_KEYS) needs at least "
                            + MIN_SECRET_CHARS + " characters, e.g. $(openssl rand -hex 32)");
                }
                secrets.add(key.strip().getBytes(StandardCharsets.UTF_8));
            }
            signer = new CursorSigner(secrets);
            return;
        }
        reload().await().atMost(Duration.ofSeconds(30));
    }

    /** Loads the shared keys again, adding a new one when the rotation period has passed. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reload() {
        if (configured()) {
            return Uni.createFrom().voidItem();
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        Instant now = time.now();
        return store.rotate(now, config.rotation(), config.grace(), fresh).invoke(keys -> {
            signer = new CursorSigner(ordered(keys, now));
        }).onFailure().invoke(failure -> {
            if (signer != null) {
                Log.warnf("Could not reload the cursor keys, keeping the loaded ones: %s", failure.toString());
            }
        }).onFailure(failure -> signer != null).recoverWithNull().replaceWithVoid();
    }

    /**
     * The keys, the signing one first: the newest key every instance has had time to load, or the newest of all when
     * none is that old (the very first key).
     */
    static List<byte[]> ordered(List<CursorKeyStore.Key> newestFirst, Instant now) {
        CursorKeyStore.Key signing = newestFirst.stream()
                .filter(k -> !k.createdAt().isAfter(now.minus(PROPAGATION))).findFirst()
                .orElse(newestFirst.get(0));
        List<byte[]> secrets = new ArrayList<>();
        secrets.add(signing.secret());
        newestFirst.stream().filter(k -> k != signing).forEach(k -> secrets.add(k.secret()));
        return secrets;
    }

    private boolean configured() {
        return config.keys().isPresent() && !config.keys().get().isEmpty();
    }
}
