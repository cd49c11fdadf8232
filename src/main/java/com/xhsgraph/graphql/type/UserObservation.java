package com.xhsgraph.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("UserObservation")
@Description("A creator's profile as one fetch observed it.")
public record UserObservation(
        @NonNull @Description("When it was observed.") Instant observedAt,
        @Description("Followers then.") Integer followerCount,
        @Description("Accounts followed then.") Integer followingCount,
        @Description("Likes and collects received then.") Integer likedAndCollectedCount,
        @Description("Notes posted then.") Integer noteCount,
        @Description("Display name then.") String nickname) {}
