package com.xhsgraph.upstream.justoneapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An entry of a note's {@code images_list}, as the list and the detail endpoints return it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaImage(String url, String urlSizeLarge, String original, Integer width, Integer height,
        String fileid) {}
