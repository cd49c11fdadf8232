package com.xhsgraph.upstream.justoneapi;

import com.xhsgraph.service.model.UpstreamAttempt;

import io.smallrye.mutiny.Uni;

/**
 * Where every upstream attempt is written down, before its answer is used: the usage counts and the client the call is
 * charged to. A call whose answer arrived is counted even if the instance dies a moment later.
 */
public interface AttemptLog {

    /** Writes {@code attempt} down; never fails (what cannot be written now is kept and written later). */
    Uni<Void> record(UpstreamAttempt attempt);
}
