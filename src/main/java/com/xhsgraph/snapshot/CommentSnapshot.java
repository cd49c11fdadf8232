package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The latest known state of a comment or reply. Written only by {@link CommentSnapshotRepository}'s upserts. */
@Entity
@Table(name = "xhs_comment")
public class CommentSnapshot extends PanacheEntityBase {

    @Id
    @Column(name = "xhs_id")
    public String xhsId;
    public String noteId;
    public String rootId;
    public String replyToId;
    public String content;
    public OffsetDateTime publishedAt;
    public Integer likeCount;
    public Integer replyCount;
    public String ipLocation;
    public Integer status;
    public Integer commentType;
    public String authorNickname;
    public String authorAvatarUrl;
    public String authorRedId;
    public String authorUnstableId;
    public boolean authorIsNoteAuthor;
    /** JSON array of {url, width, height}. */
    public String picturesJson;
    public OffsetDateTime firstSeenAt;
    public OffsetDateTime updatedAt;
}
