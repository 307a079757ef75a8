package io.refundflow.intake.model;

/**
 * Where a case stands. {@code CONTACTED -> SUBMITTED -> [UNDER_REVIEW ->] APPROVED | EXCHANGE_APPROVED | REJECTED},
 * then, once billing has acted on an approved refund, {@code APPROVED -> REFUNDED | REFUND_FAILED}. An approved
 * exchange moves no money, so billing never acts on it. A case REJECTED with
 * a remedy, or whose refund billing could not pay back (REFUND_FAILED), may be submitted again
 * ({@code -> SUBMITTED}, with a new refund id).
 * While a person reviews it, the reviewer may ask the customer for more evidence:
 * {@code UNDER_REVIEW -> AWAITING_EVIDENCE -> UNDER_REVIEW} when the customer adds files (same refund id), or
 * {@code AWAITING_EVIDENCE -> REJECTED} when they do not by the request's {@code answerBy} (the reviewer's
 * decision, reason EVIDENCE_NOT_PROVIDED, decided by the review step).
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
    /**
     * The reviewer asked the customer for more evidence (the case shows what and until when); the request stays
     * open and the customer may add files to it.
     */
    AWAITING_EVIDENCE,
    /** Refund approved (an amount to pay back); final. */
    APPROVED,
    /** Exchange approved by a reviewer: the replacement is arranged, no money is paid back; final. */
    EXCHANGE_APPROVED,
    /** Refused; final unless the case is {@code resubmittable} (the rejection named a remedy). */
    REJECTED,
    /** Billing paid the approved refund back; final. */
    REFUNDED,
    /** Billing could not pay the approved refund back (its reason is on the timeline); may be requested again. */
    REFUND_FAILED;

    /** Whether a request on this case is still waiting for its decision. */
    public boolean isOpen() {
        return this == SUBMITTED || this == UNDER_REVIEW || this == AWAITING_EVIDENCE;
    }

    /** Whether billing has acted on the case's refund: a decision read late never changes that. */
    public boolean isSettled() {
        return this == REFUNDED || this == REFUND_FAILED;
    }
}
