package com.xhsgraph.service.model;

import java.util.List;
import java.util.function.Function;

/**
 * One page of an upstream list, as the upstream returned it.
 *
 * @param items the items, in upstream order
 * @param hasMore the upstream's {@code has_more}
 * @param nextCursor the cursor to pass as {@code lastCursor} for the next page
 * @param totalCount what the upstream reports as the size of the whole list, or null
 * @param order the order the upstream says the page is in (comments: {@code latest_v2}, {@code default}...), or null
 * @param provenance where this page came from; null until served
 */
public record Page<T>(List<T> items, boolean hasMore, String nextCursor, Integer totalCount, String order,
        Provenance provenance) implements Sourced<Page<T>> {

    public Page {
        items = List.copyOf(items);
    }

    /** A page with no order information. */
    public Page(List<T> items, boolean hasMore, String nextCursor, Integer totalCount, Provenance provenance) {
        this(items, hasMore, nextCursor, totalCount, null, provenance);
    }

    /** Whether the page says it is newest first. */
    public boolean newestFirst() {
        return order != null && order.startsWith("latest");
    }

    /** Whether another page should be fetched: {@code has_more}, a non-empty page and a non-empty new cursor. */
    public boolean continuesAfter(String requestCursor) {
        return hasMore && !items.isEmpty() && nextCursor != null && !nextCursor.isBlank()
                && !nextCursor.equals(requestCursor);
    }

    /** The same page served from {@code p}; items that say where they came from say so too. */
    @Override
    @SuppressWarnings("unchecked")
    public Page<T> withProvenance(Provenance p) {
        List<T> served = items.stream().map(item -> item instanceof Sourced<?> s ? (T) s.withProvenance(p) : item)
                .toList();
        return new Page<>(served, hasMore, nextCursor, totalCount, order, p);
    }

    /** The ids of the items, in order. */
    public List<String> ids(Function<T, String> idOf) {
        return items.stream().map(idOf).toList();
    }
}
