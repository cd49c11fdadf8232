package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One observation of a comment's counters, appended whenever a comment page or a reply page returns it. */
@Entity
@Table(name = "xhs_comment_observation")
public class CommentObservationSnapshot extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String commentId;
    public OffsetDateTime observedAt;
    public Integer likeCount;
    public Integer replyCount;
}
