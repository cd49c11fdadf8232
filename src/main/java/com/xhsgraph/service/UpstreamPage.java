package com.xhsgraph.service;

import java.util.List;

/**
 * One page of an upstream list.
 *
 * @param items the items, in upstream order
 * @param hasMore the upstream's {@code has_more}
 * @param nextCursor the cursor to pass as {@code lastCursor} for the next page
 * @param totalCount what the upstream reports as the size of the whole list, or null
 */
public record UpstreamPage<T>(List<T> items, boolean hasMore, String nextCursor, Integer totalCount) {

    /** Whether another page should be fetched: {@code has_more}, a non-empty page and a non-empty new cursor. */
    public boolean continuesAfter(String requestCursor) {
        return hasMore && !items.isEmpty() && nextCursor != null && !nextCursor.isBlank()
                && !nextCursor.equals(requestCursor);
    }
}
