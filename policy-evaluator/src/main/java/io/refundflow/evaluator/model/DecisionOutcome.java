package io.refundflow.evaluator.model;

/** What was decided, spelled as the decision event types and the dry-run answers are. */
public enum DecisionOutcome {
    APPROVED, REJECTED, MANUAL_REVIEW
}
