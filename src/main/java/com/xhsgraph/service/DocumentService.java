package com.xhsgraph.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.snapshot.PersistedQueryStore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * GraphQL documents known by their SHA-256, in PostgreSQL so that every instance knows them: the ones clients register
 * as automatic persisted queries, and the ones an admin marks trusted. Recently used ones are also kept in memory,
 * bounded by bytes of text.
 */
@ApplicationScoped
public class DocumentService {

    /** A known document, and whether an admin trusted it. */
    public record Document(String text, boolean trusted) {}

    private final PersistedQueryStore store;
    private final TimeSource time;
    private final Cache<String, Document> recent;

    DocumentService(PersistedQueryStore store, TimeSource time, XhsConfig config) {
        this.store = store;
        this.time = time;
        this.recent = Caffeine.newBuilder().maximumWeight(config.graph().documentCacheBytes())
                .weigher((String hash, Document d) -> d.text().length() * 2 + 128).build();
    }

    /** The document with this hash, if registered. */
    public Uni<Optional<Document>> find(String sha256) {
        Document cached = recent.getIfPresent(sha256);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return store.find(sha256).map(found -> found.map(s -> {
            Document d = new Document(s.document(), s.trusted());
            recent.put(sha256, d);
            return d;
        }));
    }

    /** Registers a client's document under its hash (which the caller has checked). */
    public Uni<Void> register(String sha256, String text) {
        return store.store(sha256, text, false, time.now())
                .invoke(() -> recent.asMap().putIfAbsent(sha256, new Document(text, false)));
    }

    /** Marks documents trusted (registering them); their hashes, in order. */
    public Uni<List<String>> trust(List<String> texts) {
        List<String> hashes = new ArrayList<>();
        for (String text : texts) {
            hashes.add(sha256(text));
        }
        return Multi.createFrom().range(0, texts.size())
                .onItem().transformToUniAndConcatenate(i -> store.store(hashes.get(i), texts.get(i), true, time.now())
                        .invoke(() -> recent.put(hashes.get(i), new Document(texts.get(i), true))))
                .collect().last().replaceWith(hashes);
    }

    /** The hashes of the trusted documents. */
    public Uni<List<String>> trusted() {
        return store.trusted();
    }

    /** SHA-256 of the document's UTF-8 bytes, lower-case hex: the hash clients send. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
