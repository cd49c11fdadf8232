package com.xhsgraph.snapshot;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A share link and where it leads, as the upstream expanded it. Written by {@link SnapshotWriter#shareLink}. */
@Entity
@Table(name = "xhs_share_link")
public class ShareLinkSnapshot extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "text")
    public String link;
    @Column(name = "target_url", columnDefinition = "text")
    public String targetUrl;
    public OffsetDateTime resolvedAt;
}
