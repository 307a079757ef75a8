package io.refundflow.evaluator.review;

import io.refundflow.evaluator.decide.ReviewQueue;
import io.refundflow.events.Ground;
import io.refundflow.events.ProductKind;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Where the policy's manual-review decisions enter this feature: the queue, and the evidence asked for at once. */
@Component
class QueueEntrance implements ReviewQueue {

    private final ManualReviews reviews;
    private final EvidenceRequests evidence;

    QueueEntrance(ManualReviews reviews, EvidenceRequests evidence) {
        this.reviews = reviews;
        this.evidence = evidence;
    }

    @Override
    public void open(String refundId, String orderId, Ground ground, ProductKind productKind, Instant openedAt) {
        reviews.open(refundId, orderId, ground, productKind, openedAt);
    }

    @Override
    public void askForEvidenceAtOnce(String refundId) {
        evidence.askAtOnce(refundId);
    }
}
