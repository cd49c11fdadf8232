package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Upstream pages as fetched. Callers provide the session and transaction. */
@ApplicationScoped
public class PageSnapshotRepository implements PanacheRepositoryBase<PageSnapshot, PageSnapshot.Key> {

    private static final String UPSERT = "INSERT INTO xhs_page (list_kind, scope, request_cursor, item_ids, "
            + "next_cursor, has_more, total_count, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
            + "ON CONFLICT (list_kind, scope, request_cursor) DO UPDATE SET item_ids = EXCLUDED.item_ids, "
            + "next_cursor = EXCLUDED.next_cursor, has_more = EXCLUDED.has_more, total_count = EXCLUDED.total_count, "
            + "fetched_at = EXCLUDED.fetched_at";

    public Uni<Void> upsert(PageSnapshot.Key key, List<String> itemIds, String nextCursor, boolean hasMore,
            Integer totalCount, OffsetDateTime at) {
        return getSession().flatMap(session -> session.createNativeQuery(UPSERT)
                .setParameter(1, key.listKind)
                .setParameter(2, key.scope)
                .setParameter(3, key.requestCursor)
                .setParameter(4, String.join(",", itemIds))
                .setParameter(5, nextCursor)
                .setParameter(6, hasMore)
                .setParameter(7, totalCount)
                .setParameter(8, at)
                .executeUpdate())
                .replaceWithVoid();
    }
}
