package com.xhsgraph.service.fetch;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The service's clock. Tests replace it to move time without sleeping. */
@ApplicationScoped
public class TimeSource {

    public Instant now() {
        return Instant.now();
    }
}
