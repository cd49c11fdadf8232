package com.xhsgraph.upstream.justoneapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The envelope of every Just One API answer. {@code code} is kept as a node because only an integer 0 means success
 * (older specs typed it as a string); {@code data} is kept as JSON, read item by item and kept raw beside the model.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record JoaEnvelope(JsonNode code, String message, JsonNode data) {}
