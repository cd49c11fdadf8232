package com.xhsgraph.upstream.justoneapi;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Bounds how many upstream calls are in flight at once without blocking a thread: a call beyond the bound waits in a
 * FIFO queue and starts when an earlier one ends.
 */
final class AsyncLimiter {

    private final int permits;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    AsyncLimiter(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.permits = permits;
    }

    <T> Uni<T> submit(Supplier<Uni<T>> task) {
        return Uni.createFrom().emitter(emitter -> {
            Runnable start = () -> task.get()
                    .onTermination().invoke(this::release)
                    .subscribe().with(emitter::complete, emitter::fail);
            boolean now;
            synchronized (this) {
                now = inFlight < permits;
                if (now) {
                    inFlight++;
                } else {
                    waiting.add(start);
                }
            }
            if (now) {
                start.run();
            } else {
                emitter.onTermination(() -> {
                    synchronized (this) {
                        waiting.remove(start);
                    }
                });
            }
        });
    }

    /** Calls in flight now; for tests and metrics. */
    synchronized int inFlight() {
        return inFlight;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
