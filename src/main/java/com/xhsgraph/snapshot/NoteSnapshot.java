package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The latest known state of a note. Written only by {@link NoteSnapshotRepository}'s upserts. */
@Entity
@Table(name = "xhs_note")
public class NoteSnapshot extends PanacheEntityBase {

    @Id
    @Column(name = "xhs_id")
    public String xhsId;
    public String authorId;
    @Column(columnDefinition = "text")
    public String title;
    @Column(columnDefinition = "text")
    public String excerpt;
    @Column(columnDefinition = "text")
    public String fullText;
    @Column(columnDefinition = "text")
    public String noteType;
    public Boolean pinned;
    public OffsetDateTime publishedAt;
    public OffsetDateTime editedAt;
    public Integer likeCount;
    public Integer commentCount;
    public Integer collectCount;
    public Integer shareCount;
    @Column(columnDefinition = "text")
    public String ipLocation;
    /** JSON array of {url, width, height}. */
    @Column(columnDefinition = "text")
    public String imagesJson;
    public OffsetDateTime firstSeenAt;
    public OffsetDateTime updatedAt;
    public OffsetDateTime detailFetchedAt;
    /** JSON of the note's extras (topics, mentions, video, share link), merged from every answer. */
    @Column(columnDefinition = "text")
    public String extrasJson;
}
