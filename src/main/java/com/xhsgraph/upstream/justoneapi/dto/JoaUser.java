package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code data} of {@code get-user/v3}: a creator's profile. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaUser(String userid, String redId, String nickname, String desc, String images, String imageb,
        Integer gender, String ipLocation, Long fans, Long follows, Long liked, Long collected, Long ndiscovery,
        Boolean redOfficialVerified, Integer redOfficialVerifyType, String redOfficialVerifyContent,
        String shareLink, List<Tag> tags, Level level, Result result) {

    /** A profile tag: {@code tag_type} {@code info}, {@code location} or {@code profession}, and its text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @RegisterForReflection
    public record Tag(String name, String tagType) {}

    /** The creator level; live profiles may carry {@code level_name} and no {@code number}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @RegisterForReflection
    public record Level(Integer number, String levelName) {}

    /** The inner result of the profile call: {@code success} false means there is no such user. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Result(Integer code, String message, Boolean success) {}
}
