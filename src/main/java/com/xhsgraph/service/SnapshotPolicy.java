package com.xhsgraph.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.config.XhsConfig;

/** How fresh each kind of data must be to be served from a snapshot, and whether the upstream may be called at all. */
@ApplicationScoped
public class SnapshotPolicy {

    /** The kinds of upstream data, each with its own default maximum age. */
    public enum Kind {
        PROFILE, NOTE_LIST, NOTE_DETAIL, COMMENTS, REPLIES
    }

    private final XhsConfig config;

    SnapshotPolicy(XhsConfig config) {
        this.config = config;
    }

    /** The maximum age for {@code kind}: {@code maxAgeSeconds} when the query gave one, else the configured default. */
    public Duration maxAge(Kind kind, Integer maxAgeSeconds) {
        if (maxAgeSeconds != null) {
            return Duration.ofSeconds(maxAgeSeconds);
        }
        XhsConfig.MaxAge defaults = config.snapshots().maxAge();
        return switch (kind) {
            case PROFILE -> defaults.profile();
            case NOTE_LIST -> defaults.noteList();
            case NOTE_DETAIL -> defaults.noteDetail();
            case COMMENTS -> defaults.comments();
            case REPLIES -> defaults.replies();
        };
    }

    /** Whether snapshots are read and written at all. */
    public boolean enabled() {
        return config.snapshots().enabled();
    }

    public boolean offline() {
        return config.snapshots().offline();
    }

    /** Checks a client's {@code maxAge}. */
    public static Integer checkMaxAge(Integer maxAgeSeconds) {
        if (maxAgeSeconds != null && maxAgeSeconds < 0) {
            throw new InvalidInputException("maxAge", "`maxAge` must be 0 or more seconds, got " + maxAgeSeconds);
        }
        return maxAgeSeconds;
    }
}
