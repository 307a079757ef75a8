package io.refundflow.evaluator.review;

import io.refundflow.evaluator.EvaluatorProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * A customer asked for more evidence who added none by the time asked ({@code evidenceAnswerWithin} of the
 * policy) has the refund rejected with reason EVIDENCE_NOT_PROVIDED, and is told by email as for any decision.
 * Looked for by the {@link ReviewSweeps}, with the expired claims; each case in its own transaction, so that one
 * that fails does not hold back the others.
 */
@Component
class EvidenceWaitExpiry {

    private final ManualReviews reviews;
    private final EvidenceRequests requests;
    private final Clock clock;
    private final int batchSize;

    EvidenceWaitExpiry(ManualReviews reviews, EvidenceRequests requests, Clock clock, EvaluatorProperties properties) {
        this.reviews = reviews;
        this.requests = requests;
        this.clock = clock;
        this.batchSize = properties.sweepBatchSize();
    }

    /** Rejects the cases whose wait ended; returns how many. */
    int rejectUnanswered() {
        int count = 0;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (String refundId : reviews.evidenceWaitsEndedBefore(now, batchSize)) {
            if (requests.rejectUnanswered(refundId, now)) {
                count++;
            }
        }
        return count;
    }
}
