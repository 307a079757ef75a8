package io.refundflow.intake.cases;

/**
 * Where a case stands. {@code CONTACTED -> SUBMITTED -> [UNDER_REVIEW ->] APPROVED | REJECTED}; a case
 * REJECTED with a remedy may be submitted again ({@code REJECTED -> SUBMITTED}, with a new refund id).
 * Whether the customer was notified is a timeline step, not a status, so the status always tells the
 * outcome.
 */
public enum CaseStatus {
    /** Opened; no application submitted yet. */
    CONTACTED,
    /** Application submitted; the review step has not answered yet. */
    SUBMITTED,
    /** The policy asked for a person to decide (manual review). */
    UNDER_REVIEW,
    /** Refund (or exchange) approved; final. */
    APPROVED,
    /** Refused; final unless the case is {@code resubmittable} (the rejection named a remedy). */
    REJECTED;

    /** Whether a request on this case is still waiting for its decision. */
    public boolean isOpen() {
        return this == SUBMITTED || this == UNDER_REVIEW;
    }
}
