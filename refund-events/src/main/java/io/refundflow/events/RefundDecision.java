package io.refundflow.events;

/**
 * The review step's outcome for one refund, published on {@link Topics#DECISIONS} keyed by refund id.
 * The set is closed: the evaluator decides automatically ({@link RefundApproved}, {@link RefundRejected},
 * {@link ManualReviewRequired}), a person may ask the customer for more evidence first ({@link EvidenceRequested})
 * and closes a manual review ({@link RefundReviewed}); a review left undecided past its due time is escalated to
 * the ops mailbox ({@link ReviewOverdue}).
 */
public sealed interface RefundDecision
        permits RefundApproved, RefundRejected, ManualReviewRequired, RefundReviewed, EvidenceRequested, ReviewOverdue {

    /** The fields every outcome shares; flat at the top of the event's JSON. */
    DecisionHeader header();

    /** The refund decided: the Kafka key and CloudEvents subject of every decision, so read everywhere. */
    default String refundId() {
        return header().refundId();
    }
}
