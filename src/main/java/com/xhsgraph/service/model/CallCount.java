package com.xhsgraph.service.model;

import java.time.LocalDate;

/**
 * Upstream calls to add to the usage counts: of {@code endpoint} on {@code day} (made, billed, failed), and, when a
 * client pays ({@code clientId} not null), to that client's usage on {@code clientDay}, the billed ones taken out of
 * its budget lease {@code leaseId} (null: none).
 */
public record CallCount(LocalDate day, String endpoint, int calls, int billed, int failed, String clientId,
        LocalDate clientDay, Long leaseId) {}
