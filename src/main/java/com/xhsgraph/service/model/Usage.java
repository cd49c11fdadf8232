package com.xhsgraph.service.model;

import java.time.LocalDate;

/** Upstream calls of one endpoint on one day: made, billed, failed. */
public record Usage(LocalDate day, String endpoint, int calls, int billed, int failed) {}
