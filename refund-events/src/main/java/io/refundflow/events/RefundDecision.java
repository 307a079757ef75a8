package io.refundflow.events;

import java.time.Instant;

/**
 * The review step's outcome for one refund, published on {@link Topics#DECISIONS} keyed by refund id.
 * The set is closed: the evaluator decides automatically ({@link RefundApproved}, {@link RefundRejected},
 * {@link ManualReviewRequired}), a person may ask the customer for more evidence first ({@link EvidenceRequested})
 * and closes a manual review ({@link RefundReviewed}); a review left undecided past its due time is escalated to
 * the ops mailbox ({@link ReviewOverdue}).
 */
public sealed interface RefundDecision
        permits RefundApproved, RefundRejected, ManualReviewRequired, RefundReviewed, EvidenceRequested, ReviewOverdue {

    String refundId();

    String caseNumber();

    String orderId();

    Recipient recipient();

    Instant decidedAt();

    String policyVersion();

    String ruleId();

    String reasonCode();

    LocalizedText reason();
}
