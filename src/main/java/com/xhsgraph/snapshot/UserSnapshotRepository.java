package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.ProfileData;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Creators: upserts of the latest state and the counter history. Callers provide the session and transaction. */
@ApplicationScoped
public class UserSnapshotRepository implements PanacheRepositoryBase<UserSnapshot, String> {

    private static final String UPSERT_HEAD = "INSERT INTO xhs_user (xhs_id, red_id, nickname, avatar_url, bio, "
            + "ip_location, gender, follower_count, following_count, liked_count, collected_count, note_count, "
            + "verified, first_seen_at, updated_at, profile_fetched_at)";
    private static final String UPSERT_TAIL = "ON CONFLICT (xhs_id) DO UPDATE SET "
            + "red_id = COALESCE(EXCLUDED.red_id, xhs_user.red_id), "
            + "nickname = COALESCE(EXCLUDED.nickname, xhs_user.nickname), "
            + "avatar_url = COALESCE(EXCLUDED.avatar_url, xhs_user.avatar_url), "
            + "bio = COALESCE(EXCLUDED.bio, xhs_user.bio), "
            + "ip_location = COALESCE(EXCLUDED.ip_location, xhs_user.ip_location), "
            + "gender = COALESCE(EXCLUDED.gender, xhs_user.gender), "
            + "follower_count = COALESCE(EXCLUDED.follower_count, xhs_user.follower_count), "
            + "following_count = COALESCE(EXCLUDED.following_count, xhs_user.following_count), "
            + "liked_count = COALESCE(EXCLUDED.liked_count, xhs_user.liked_count), "
            + "collected_count = COALESCE(EXCLUDED.collected_count, xhs_user.collected_count), "
            + "note_count = COALESCE(EXCLUDED.note_count, xhs_user.note_count), "
            + "verified = COALESCE(EXCLUDED.verified, xhs_user.verified), "
            + "updated_at = EXCLUDED.updated_at, "
            + "profile_fetched_at = COALESCE(EXCLUDED.profile_fetched_at, xhs_user.profile_fetched_at)";

    /**
     * Upserts profiles, complete or partial (a partial one never erases what a complete one stored), and appends an
     * observation of the counters of each complete one.
     */
    public Uni<Void> upsert(Collection<ProfileData> profiles, OffsetDateTime at) {
        List<ProfileData> rows = distinct(profiles);
        NativeInsert upsert = new NativeInsert(UPSERT_HEAD, 16, UPSERT_TAIL);
        NativeInsert observations = new NativeInsert("INSERT INTO xhs_user_observation (user_id, observed_at, "
                + "follower_count, following_count, liked_count, collected_count, note_count, nickname, red_id, bio, "
                + "ip_location, avatar_url)", 12, "");
        for (ProfileData p : rows) {
            upsert.row(p.xhsId(), p.redId(), p.nickname(), p.avatarUrl(), p.bio(), p.ipLocation(), p.gender(),
                    p.followerCount(), p.followingCount(), p.likedCount(), p.collectedCount(), p.noteCount(),
                    p.verified(), at, at, p.complete() ? at : null);
            if (p.complete()) {
                observations.row(p.xhsId(), at, p.followerCount(), p.followingCount(), p.likedCount(),
                        p.collectedCount(), p.noteCount(), p.nickname(), p.redId(), p.bio(), p.ipLocation(),
                        p.avatarUrl());
            }
        }
        return getSession().flatMap(session -> upsert.execute(session)
                .flatMap(ignored -> observations.execute(session)))
                .replaceWithVoid();
    }

    /** One row per id (a complete profile wins over a partial one), in id order so that writers never deadlock. */
    private static List<ProfileData> distinct(Collection<ProfileData> profiles) {
        Map<String, ProfileData> byId = new LinkedHashMap<>();
        for (ProfileData p : profiles) {
            if (p == null || p.xhsId() == null) {
                continue;
            }
            byId.merge(p.xhsId(), p, (old, neu) -> old.complete() && !neu.complete() ? old : neu);
        }
        return byId.values().stream().sorted(Comparator.comparing(ProfileData::xhsId)).toList();
    }
}
