package com.xhsgraph.service.model;

/** Data that says where it came from; {@link #withProvenance} returns the same data with another origin. */
public interface Sourced<T> {

    /** Where this data came from; null for data that was never served (a reference, or data being assembled). */
    Provenance provenance();

    /** The same data, served from {@code provenance}. */
    T withProvenance(Provenance provenance);
}
