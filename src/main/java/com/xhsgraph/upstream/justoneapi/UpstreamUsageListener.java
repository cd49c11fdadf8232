package com.xhsgraph.upstream.justoneapi;

/** Told about every upstream call the service makes, for usage accounting. */
public interface UpstreamUsageListener {

    /**
     * @param endpoint e.g. {@code get-user/v3}
     * @param billed the call answered code 0 (or 201), which the vendor bills
     * @param failed the call failed (any code but 0, a timeout, a connection error)
     */
    void onCall(String endpoint, boolean billed, boolean failed);
}
