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
    @Column(columnDefinition = "text")
    public String content;
    public OffsetDateTime publishedAt;
    public Integer likeCount;
    public Integer replyCount;
    @Column(columnDefinition = "text")
    public String ipLocation;
    public Integer status;
    public Integer commentType;
    @Column(columnDefinition = "text")
    public String authorNickname;
    @Column(columnDefinition = "text")
    public String authorAvatarUrl;
    @Column(columnDefinition = "text")
    public String authorRedId;
    @Column(columnDefinition = "text")
    public String authorUnstableId;
    public boolean authorIsNoteAuthor;
    /** JSON array of {url, width, height}. */
    @Column(columnDefinition = "text")
    public String picturesJson;
    public OffsetDateTime firstSeenAt;
    public OffsetDateTime updatedAt;
    /** JSON of the comment's extras (mentions, labels). */
    @Column(columnDefinition = "text")
    public String extrasJson;
    /** The ids of the replies its comment page previewed inline, in order, comma-separated. */
    @Column(columnDefinition = "text")
    public String previewIds;
    @Column(columnDefinition = "text")
    public String previewCursor;
    public Boolean previewHasMore;
}
