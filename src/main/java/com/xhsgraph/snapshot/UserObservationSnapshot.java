package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One observation of a creator's counters, appended on every profile fetch. */
@Entity
@Table(name = "xhs_user_observation")
public class UserObservationSnapshot extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String userId;
    public OffsetDateTime observedAt;
    public Integer followerCount;
    public Integer followingCount;
    public Integer likedCount;
    public Integer collectedCount;
    public Integer noteCount;
    @Column(columnDefinition = "text")
    public String nickname;
    @Column(columnDefinition = "text")
    public String redId;
    @Column(columnDefinition = "text")
    public String bio;
    @Column(columnDefinition = "text")
    public String ipLocation;
    @Column(columnDefinition = "text")
    public String avatarUrl;
}
