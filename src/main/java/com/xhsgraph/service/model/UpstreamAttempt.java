package com.xhsgraph.service.model;

/**
 * One HTTP call to the upstream that went out and ended, fired as a CDI event by the upstream client: usage accounting
 * counts every one, and the request that caused it reports what it cost.
 *
 * @param endpoint what was called
 * @param attempt 1 for the first attempt of a call, more for its retries
 * @param billed the call answered code 0 (or 201), which the vendor bills
 * @param failed the call failed (any code but 0, a timeout, a connection error, a body that is not an envelope)
 */
public record UpstreamAttempt(Endpoint endpoint, int attempt, boolean billed, boolean failed) {}
