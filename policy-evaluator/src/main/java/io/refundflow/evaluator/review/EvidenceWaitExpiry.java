package io.refundflow.evaluator.review;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.platform.worker.Sweeps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A customer asked for more evidence who added none by the time asked ({@code evidenceAnswerWithin} of the
 * policy) has the refund rejected with reason EVIDENCE_NOT_PROVIDED, and is told by email as for any decision.
 * Looked for every {@code refund.evaluator.claim-sweep-interval}, with the expired claims; each case in its own
 * transaction, so that one that fails does not hold back the others.
 */
@Configuration(proxyBeanMethods = false)
class EvidenceWaitExpiry implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EvidenceWaitExpiry.class);

    private final ManualReviews reviews;
    private final EvidenceRequests requests;
    private final Clock clock;
    private final Duration interval;
    private final int batchSize;
    private final Counter rejected;

    EvidenceWaitExpiry(ManualReviews reviews, EvidenceRequests requests, Clock clock, EvaluatorProperties properties,
            MeterRegistry meters) {
        this.reviews = reviews;
        this.requests = requests;
        this.clock = clock;
        this.interval = properties.claimSweepInterval();
        this.batchSize = properties.sweepBatchSize();
        this.rejected = Counter.builder("refund.review.evidence.not.provided")
                .description("Refunds rejected because the customer added no evidence by the time asked")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // Database away or similar: the waits stay, the next sweep takes them.
        Sweeps.everyInterval(registrar, interval, "evidence-wait", log, this::rejectUnanswered);
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
        rejected.increment(count);
        return count;
    }
}
