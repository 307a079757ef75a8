package io.refundflow.evaluator.review;

import io.refundflow.evaluator.decide.ReviewOpening;
import io.refundflow.evaluator.decide.ReviewQueue;
import java.util.List;
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
    public void openAll(List<ReviewOpening> cases) {
        reviews.openAll(cases);
    }

    @Override
    public void askForEvidenceAtOnce(String refundId) {
        evidence.askAtOnce(refundId);
    }
}
