package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One observation of a note's counters, appended whenever the note list or the detail returns the note. */
@Entity
@Table(name = "xhs_note_observation")
public class NoteObservationSnapshot extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String noteId;
    public OffsetDateTime observedAt;
    public Integer likeCount;
    public Integer commentCount;
    public Integer collectCount;
    public Integer shareCount;
    @Column(columnDefinition = "text")
    public String title;
}
