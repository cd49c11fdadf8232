package com.xhsgraph.upstream.justoneapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The author object embedded in notes: {@code userid}, {@code nickname}, {@code images} in the note list;
 * {@code id}/{@code userid}, {@code nickname}/{@code name}, {@code image}, {@code red_id} in the note detail.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaNoteListUser(String userid, String id, String nickname, String name, String images, String image,
        String redId) {

    public String xhsId() {
        return userid != null && !userid.isBlank() ? userid : id;
    }

    public String displayName() {
        return nickname != null && !nickname.isBlank() ? nickname : name;
    }

    public String avatar() {
        return images != null && !images.isBlank() ? images : image;
    }
}
