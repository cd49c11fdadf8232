package com.xhsgraph.support;

import java.time.Duration;
import java.time.Instant;

import com.xhsgraph.service.fetch.TimeSource;

import io.quarkus.test.junit.QuarkusMock;

/** A clock tests move by hand, installed in place of the service's {@link TimeSource}. */
public class MovableTime extends TimeSource {

    private volatile Instant now;

    private MovableTime(Instant start) {
        this.now = start;
    }

    /** Installs a clock for the current test, starting at {@code start}. */
    public static MovableTime install(Instant start) {
        MovableTime time = new MovableTime(start);
        QuarkusMock.installMockForType(time, TimeSource.class);
        return time;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }
}
