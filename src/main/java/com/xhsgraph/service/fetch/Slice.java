package com.xhsgraph.service.fetch;

import java.util.List;

import com.xhsgraph.service.model.Provenance;

/**
 * A window of a list, as a connection returns it.
 *
 * @param items the items with the opaque cursor of each
 * @param hasNextPage whether items exist after the last one
 * @param totalCount how many the upstream says exist, or null when it does not say
 * @param provenance where the pages it was cut from came from; null when no page was needed
 */
public record Slice<T>(List<Item<T>> items, boolean hasNextPage, Integer totalCount, Provenance provenance) {

    public record Item<T>(T value, String cursor) {}

    public static <T> Slice<T> empty() {
        return new Slice<>(List.of(), false, null, null);
    }
}
