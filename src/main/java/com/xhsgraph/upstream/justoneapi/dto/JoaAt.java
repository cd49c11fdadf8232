package com.xhsgraph.upstream.justoneapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A mentioned user: {@code ats[]} of a note ({@code id}, {@code name}, {@code nickname}) or {@code at_users[]} of a
 * comment ({@code userid}, {@code nickname}); both ids are real 24-hex user ids.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaAt(String id, String userid, String name, String nickname) {

    public String userId() {
        return id != null && !id.isBlank() ? id : userid;
    }

    public String displayName() {
        return nickname != null && !nickname.isBlank() ? nickname : name;
    }
}
