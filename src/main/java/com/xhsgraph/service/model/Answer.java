package com.xhsgraph.service.model;

import java.util.Map;

/**
 * What the upstream answered: the value mapped to the model, and each item's raw JSON (sanitised), by item id, to be
 * stored beside the normalised columns so that a field the graph learns to serve later is already paid for. The raw
 * JSON is written once and never kept in memory with the value.
 */
public record Answer<T>(T value, Map<String, String> raw) {}
