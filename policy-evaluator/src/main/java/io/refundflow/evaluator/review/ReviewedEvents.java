package io.refundflow.evaluator.review;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.decide.Recipients;
import io.refundflow.evaluator.review.ManualReview.Decided;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The {@link RefundReviewed} event a reviewer's decision publishes, addressed to whom may be told. */
@Component
class ReviewedEvents {

    private final EvaluatorProperties properties;
    private final Clock clock;

    ReviewedEvents(EvaluatorProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    EventEnvelope<RefundReviewed> of(ManualReview review, Decided decided, String reviewer, Instant decidedAt) {
        RefundRequested request = review.request();
        // Without a trusted order owner the ops mailbox is told, never an address from the request.
        Recipient recipient = review.ownerAsked() ? Recipients.of(review.order().get(), request.locale())
                : properties.opsRecipient().recipient();
        RefundReviewed event = new RefundReviewed(review.row().refundId(), request.caseNumber(),
                review.row().orderId(), recipient, decidedAt, review.decision().policyVersion(),
                review.decision().ruleId(), decided.reasonCode(), decided.reason(), decided.approved(),
                decided.amount(), reviewer);
        return EventEnvelope.of(properties.eventSource(), event, clock);
    }
}
