package io.refundflow.evaluator.review;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.decide.Recipients;
import io.refundflow.evaluator.model.StoredDecision;
import io.refundflow.evaluator.model.review.ManualReview;
import io.refundflow.evaluator.model.review.ManualReview.Decided;
import io.refundflow.evaluator.model.review.ReviewRow;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.platform.ops.OpsMailbox;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The events the review step publishes, addressed to whom may be told: {@link RefundReviewed} for a decision,
 * {@link EvidenceRequested} for a request for more evidence, {@link ReviewOverdue} for a review past its due time.
 */
@Component
class ReviewEvents {

    static final String EVIDENCE_REQUESTED = "EVIDENCE_REQUESTED";
    static final String REVIEW_OVERDUE = "REVIEW_OVERDUE";

    private final EvaluatorProperties properties;
    private final OpsMailbox ops;
    private final Clock clock;

    ReviewEvents(EvaluatorProperties properties, OpsMailbox ops, Clock clock) {
        this.properties = properties;
        this.ops = ops;
        this.clock = clock;
    }

    EventEnvelope<RefundReviewed> of(ManualReview review, Decided decided, String reviewer, Instant decidedAt) {
        RefundRequested request = review.request();
        // Without a trusted order owner the ops mailbox is told, never an address from the request.
        Recipient recipient = review.ownerAsked() ? Recipients.of(review.order().get(), request.locale())
                : ops.recipient();
        DecisionHeader header = new DecisionHeader(review.row().refundId(), request.caseNumber(),
                review.row().orderId(), recipient, decidedAt, review.decision().policyVersion(),
                review.decision().ruleId(), decided.reasonCode(), decided.reason());
        RefundReviewed event = new RefundReviewed(header, decided.approved(), decided.amount(), reviewer,
                review.row().firstApproval() == null ? null : review.row().firstApproval().reviewer(),
                decided.exchange());
        return EventEnvelope.of(properties.eventSource(), event, clock);
    }

    /** The request for more evidence, to the order's owner (the caller checked that the owner asked). */
    EventEnvelope<EvidenceRequested> evidenceRequested(ManualReview review, String reviewer, String message,
            Instant requestedAt, Instant answerBy) {
        RefundRequested request = review.request();
        DecisionHeader header = new DecisionHeader(review.row().refundId(), request.caseNumber(),
                review.row().orderId(), Recipients.of(review.order().orElseThrow(), request.locale()), requestedAt,
                review.decision().policyVersion(), review.decision().ruleId(), EVIDENCE_REQUESTED,
                properties.texts().evidenceRequested());
        EvidenceRequested event = new EvidenceRequested(header, message, answerBy, reviewer);
        return EventEnvelope.of(properties.eventSource(), event, clock);
    }

    /** The escalation of a review past its due time, to the ops mailbox (never the customer). */
    EventEnvelope<ReviewOverdue> overdue(ReviewRow review, StoredDecision decision, Instant dueAt, Instant now) {
        DecisionHeader header = new DecisionHeader(review.refundId(), decision.request().caseNumber(),
                review.orderId(), ops.recipient(), now, decision.policyVersion(), decision.ruleId(), REVIEW_OVERDUE,
                properties.texts().reviewOverdue());
        ReviewOverdue event = new ReviewOverdue(header, review.openedAt(), dueAt, review.status().name(),
                review.claimedBy());
        return EventEnvelope.of(properties.eventSource(), event, clock);
    }
}
