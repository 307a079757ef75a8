package io.refundflow.evaluator.model.review;

/**
 * Where a manual-review case is: waiting in the queue, taken by one reviewer, approved by one reviewer above the
 * policy's four-eyes threshold and waiting for a second (any other reviewer, no claim needed), waiting for the
 * evidence a reviewer asked the customer for (back to OPEN, in its place, when it arrives), or decided.
 */
public enum ReviewStatus {
    OPEN, CLAIMED, AWAITING_SECOND_APPROVAL, AWAITING_EVIDENCE, DECIDED
}
