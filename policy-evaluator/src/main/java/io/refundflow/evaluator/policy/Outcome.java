package io.refundflow.evaluator.policy;

/** What a rule decides when it fires. */
public enum Outcome {
    APPROVE, REJECT, MANUAL_REVIEW
}
