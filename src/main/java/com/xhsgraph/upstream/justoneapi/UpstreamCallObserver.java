package com.xhsgraph.upstream.justoneapi;

/** Told about every upstream call made on behalf of one request, so that the request can report its cost. */
public interface UpstreamCallObserver {

    /** An HTTP call to {@code endpoint} went out (each attempt counts). */
    void called(String endpoint);

    /** A call answered code 0 (or 201): the vendor bills it. */
    void billed(String endpoint);

    /** A failed call is being retried. */
    void retried(String endpoint);

    UpstreamCallObserver NONE = new UpstreamCallObserver() {
        @Override
        public void called(String endpoint) {}

        @Override
        public void billed(String endpoint) {}

        @Override
        public void retried(String endpoint) {}
    };
}
