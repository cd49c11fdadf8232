package com.xhsgraph.service.model;

import java.util.List;

/**
 * What a profile carries beyond its counters.
 *
 * @param tags the profile's tags (age, location, profession...), each with its kind
 * @param level the creator level, when the profile gives a number
 * @param shareUrl the profile's share link (with its {@code xsec_token})
 * @param verification what the official verification says (e.g. the trade of a brand account), or null
 * @param verificationType the upstream's verification type (0 none, 1 person, 2 organisation), or null
 */
public record ProfileExtras(List<UserTagData> tags, Integer level, String shareUrl, String verification,
        Integer verificationType) {

    public static final ProfileExtras NONE = new ProfileExtras(List.of(), null, null, null, null);

    /** A profile tag: its kind ({@code info}, {@code location}, {@code profession}) and its text. */
    public record UserTagData(String type, String name) {}
}
