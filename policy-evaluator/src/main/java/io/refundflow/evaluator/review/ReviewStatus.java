package io.refundflow.evaluator.review;

/** Where a manual-review case is: waiting in the queue, taken by one reviewer, or decided. */
public enum ReviewStatus {
    OPEN, CLAIMED, DECIDED
}
