package com.xhsgraph.service.fetch;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.InvalidInputException;

/** How fresh each kind of data must be to be served from a snapshot, and whether the upstream may be called at all. */
@ApplicationScoped
public class Freshness {

    private final XhsConfig config;

    Freshness(XhsConfig config) {
        this.config = config;
    }

    /** The maximum age of what {@code endpoint} returns: {@code maxAgeSeconds} when given, else the configured one. */
    public Duration maxAge(Endpoint endpoint, Integer maxAgeSeconds) {
        if (maxAgeSeconds != null) {
            return Duration.ofSeconds(maxAgeSeconds);
        }
        XhsConfig.MaxAge defaults = config.snapshots().maxAge();
        return switch (endpoint) {
            case USER -> defaults.profile();
            case NOTE_LIST -> defaults.noteList();
            case NOTE_DETAIL -> defaults.noteDetail();
            case COMMENTS -> defaults.comments();
            case REPLIES -> defaults.replies();
            case SEARCH_NOTES, SEARCH_USERS -> defaults.search();
            case SHARE_LINK -> defaults.shareLink();
        };
    }

    /** Whether snapshots are read and written at all. */
    public boolean enabled() {
        return config.snapshots().enabled();
    }

    /** Whether only snapshots are served and the upstream is never called. */
    public boolean offline() {
        return config.snapshots().offline();
    }

    /** Checks a client's {@code maxAge}: 0 or more seconds. */
    public static Integer checkMaxAge(Integer maxAgeSeconds) {
        if (maxAgeSeconds != null && maxAgeSeconds < 0) {
            throw new InvalidInputException("`maxAge` must be 0 or more seconds, got " + maxAgeSeconds);
        }
        return maxAgeSeconds;
    }
}
