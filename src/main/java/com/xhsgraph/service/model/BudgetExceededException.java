package com.xhsgraph.service.model;

/** A query would spend more than what is left of its client's daily budget. */
public class BudgetExceededException extends RuntimeException {

    private final long estimate;
    private final BudgetStatus status;

    public BudgetExceededException(long estimate, BudgetStatus status) {
        super("This query could make up to " + estimate + " billed upstream calls; " + status.remaining()
                + " of the client's " + status.limit() + " a day remain until " + status.resetAt(), null, false,
                false);
        this.estimate = estimate;
        this.status = status;
    }

    public long estimate() {
        return estimate;
    }

    public BudgetStatus status() {
        return status;
    }
}
