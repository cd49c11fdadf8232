package com.xhsgraph.service.model;

import java.time.LocalDate;

/** Upstream calls one client caused to one endpoint on one day, and how many of them were billed. */
public record ClientUsageData(LocalDate day, String clientId, String endpoint, long calls, long billed) {}
