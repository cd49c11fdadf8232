package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The latest known state of a creator. Written only by {@link UserSnapshotRepository}'s upserts. */
@Entity
@Table(name = "xhs_user")
public class UserSnapshot extends PanacheEntityBase {

    @Id
    @Column(name = "xhs_id")
    public String xhsId;
    @Column(columnDefinition = "text")
    public String redId;
    @Column(columnDefinition = "text")
    public String nickname;
    @Column(columnDefinition = "text")
    public String avatarUrl;
    @Column(columnDefinition = "text")
    public String bio;
    @Column(columnDefinition = "text")
    public String ipLocation;
    public Integer gender;
    public Integer followerCount;
    public Integer followingCount;
    public Integer likedCount;
    public Integer collectedCount;
    public Integer noteCount;
    public Boolean verified;
    public OffsetDateTime firstSeenAt;
    public OffsetDateTime updatedAt;
    public OffsetDateTime profileFetchedAt;
    /** JSON of the profile's extras (tags, level, share link, verification). */
    @Column(columnDefinition = "text")
    public String extrasJson;
}
