package com.xhsgraph.upstream.justoneapi.dto;

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
        String shareLink) {}
