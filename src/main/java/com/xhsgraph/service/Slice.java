package com.xhsgraph.service;

import java.util.List;

/**
 * A window of a list, as a connection returns it.
 *
 * @param items the items with the opaque cursor of each
 * @param hasNextPage whether items exist after the last one
 * @param totalCount how many the upstream says exist, or null when it does not say
 */
public record Slice<T>(List<Item<T>> items, boolean hasNextPage, Integer totalCount) {

    public record Item<T>(T value, String cursor) {}
}
