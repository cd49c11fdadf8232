package com.xhsgraph.service.model;

/**
 * What is known of a creator. {@code complete} when it comes from the profile endpoint (or its snapshot); otherwise
 * only the fields a note listing or a note detail carries (nickname, avatar, red id) may be set.
 */
public record ProfileData(String xhsId, String redId, String nickname, String avatarUrl, String bio, String ipLocation,
        Integer gender, Integer followerCount, Integer followingCount, Integer likedCount, Integer collectedCount,
        Integer noteCount, Boolean verified, ProfileExtras extras, boolean complete, Provenance provenance)
        implements
            Sourced<ProfileData> {

    public ProfileData {
        extras = extras == null ? ProfileExtras.NONE : extras;
    }

    /** The partial profile a note listing or a note detail gives of its author. */
    public static ProfileData partial(String xhsId, String nickname, String avatarUrl, String redId) {
        return new ProfileData(xhsId, redId == null || redId.isBlank() ? null : redId, nickname, avatarUrl, null, null,
                null, null, null, null, null, null, null, null, false, null);
    }

    /** Likes and collects together, as the profile shows them ("获赞与收藏"). */
    public Integer likedAndCollectedCount() {
        return likedCount == null || collectedCount == null ? null : likedCount + collectedCount;
    }

    @Override
    public ProfileData withProvenance(Provenance p) {
        return new ProfileData(xhsId, redId, nickname, avatarUrl, bio, ipLocation, gender, followerCount,
                followingCount, likedCount, collectedCount, noteCount, verified, extras, complete, p);
    }

    /** The same profile under another id (the upstream sometimes leaves its own id out). */
    public ProfileData withId(String id) {
        return new ProfileData(id, redId, nickname, avatarUrl, bio, ipLocation, gender, followerCount, followingCount,
                likedCount, collectedCount, noteCount, verified, extras, complete, provenance);
    }
}
