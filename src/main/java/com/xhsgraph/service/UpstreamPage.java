package com.xhsgraph.service;

import java.util.List;

/**
 * One page of an upstream list.
 *
 * @param items the items, in upstream order
 * @param hasMore the upstream's {@code has_more}
 * @param nextCursor the cursor to pass as {@code lastCursor} for the next page
 * @param totalCount what the upstream reports as the size of the whole list, or null
 * @param provenance where this page came from; null until served
 */
public record UpstreamPage<T>(List<T> items, boolean hasMore, String nextCursor, Integer totalCount,
        Provenance provenance) {

    /** Whether another page should be fetched: {@code has_more}, a non-empty page and a non-empty new cursor. */
    public boolean continuesAfter(String requestCursor) {
        return hasMore && !items.isEmpty() && nextCursor != null && !nextCursor.isBlank()
                && !nextCursor.equals(requestCursor);
    }

    /** The same page with other items (same order and length) and a provenance. */
    public <U> UpstreamPage<U> with(List<U> newItems, Provenance p) {
        return new UpstreamPage<>(newItems, hasMore, nextCursor, totalCount, p);
    }

    /** The ids of the items, for the page snapshot. */
    public List<String> ids(java.util.function.Function<T, String> idOf) {
        return items.stream().map(idOf).toList();
    }
}
