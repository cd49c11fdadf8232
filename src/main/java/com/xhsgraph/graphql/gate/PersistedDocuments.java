package com.xhsgraph.graphql.gate;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.graphql.ErrorCode;
import com.xhsgraph.service.DocumentService;
import com.xhsgraph.service.model.ClientData;

import io.smallrye.mutiny.Uni;

/**
 * Persisted operations. Automatic persisted queries as Apollo Client and urql speak them: a request carries
 * {@code extensions.persistedQuery = {"version": 1, "sha256Hash": "..."}}, with the document the first time (which
 * registers it) and without it afterwards; an unknown hash answers {@code PersistedQueryNotFound}, and the client sends
 * the document again. With {@code xhs.graph.trusted-documents-only}, only documents an admin registered as trusted run
 * (by hash or in full), and clients register nothing.
 */
@ApplicationScoped
public class PersistedDocuments {

    /** A request refused before it ran: the HTTP status and the error to answer with. */
    public static final class Refused extends RuntimeException {
        final int status;
        final ErrorCode code;

        Refused(int status, ErrorCode code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final DocumentService documents;
    private final boolean trustedOnly;
    private final boolean automatic;

    PersistedDocuments(DocumentService documents, XhsConfig config) {
        this.documents = documents;
        this.trustedOnly = config.graph().trustedDocumentsOnly();
        this.automatic = config.graph().persistedQueries();
    }

    /**
     * The request with the document it stands for.
     *
     * @return a failure {@link Refused} when it may not run, or its hash is unknown
     */
    public Uni<GraphQLRequest> resolve(GraphQLRequest request, ClientData client) {
        boolean onlyTrusted = trustedOnly && !ClientData.ADMIN.equals(client.role());
        Object persisted = request.extensions().get(RequestReader.PERSISTED_QUERY);
        if (persisted == null) {
            if (!onlyTrusted) {
                return Uni.createFrom().item(request);
            }
            return documents.find(DocumentService.sha256(request.query())).map(found -> {
                if (found.isEmpty() || !found.get().trusted()) {
                    throw notTrusted();
                }
                return request;
            });
        }
        if (!automatic && !trustedOnly) {
            throw new Refused(200, ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED, "PersistedQueryNotSupported");
        }
        String hash = hashOf(persisted);
        if (request.query() != null) {
            if (!DocumentService.sha256(request.query()).equals(hash)) {
                throw new Refused(400, ErrorCode.BAD_REQUEST,
                        "`extensions.persistedQuery.sha256Hash` is not the SHA-256 of the query");
            }
            return documents.find(hash).flatMap(found -> {
                if (found.isPresent()) {
                    if (onlyTrusted && !found.get().trusted()) {
                        throw notTrusted();
                    }
                    return Uni.createFrom().item(request);
                }
                if (onlyTrusted || !automatic) {
                    throw notTrusted();
                }
                return documents.register(hash, request.query()).replaceWith(request);
            });
        }
        return documents.find(hash).map(found -> {
            if (found.isEmpty()) {
                throw new Refused(200, ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
            }
            if (onlyTrusted && !found.get().trusted()) {
                throw notTrusted();
            }
            return request.withQuery(found.get().text());
        });
    }

    private static String hashOf(Object persisted) {
        if (!(persisted instanceof Map<?, ?> map) || !(map.get("sha256Hash") instanceof String hash)
                || !SHA256.matcher(hash).matches() || !(map.get("version") instanceof Number version)
                || version.intValue() != 1) {
            throw new Refused(400, ErrorCode.BAD_REQUEST,
                    "`extensions.persistedQuery` must be {\"version\": 1, \"sha256Hash\": \"<64 hex digits>\"}");
        }
        return hash.toLowerCase(Locale.ROOT);
    }

    private static Refused notTrusted() {
        return new Refused(403, ErrorCode.DOCUMENT_NOT_TRUSTED,
                "Only documents registered as trusted run here; this one is not");
    }
}
