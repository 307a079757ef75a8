package io.refundflow.evaluator.review;

/**
 * Where a manual-review case is: waiting in the queue, taken by one reviewer, approved by one reviewer above the
 * policy's four-eyes threshold and waiting for a second (any other reviewer, no claim needed), or decided.
 */
public enum ReviewStatus {
    OPEN, CLAIMED, AWAITING_SECOND_APPROVAL, DECIDED
}
