package io.refundflow.evaluator.review;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.platform.worker.Sweeps;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * The sweeps over the review queue, each every {@code refund.evaluator.claim-sweep-interval} and counted in its
 * own metric: expired claims let go, unanswered evidence requests rejected, overdue reviews escalated. Each leaves
 * the rows it did not handle in the database, so a failed run (database away or similar) leaves them to the next.
 */
@Configuration(proxyBeanMethods = false)
class ReviewSweeps {

    private static final Logger log = LoggerFactory.getLogger(ReviewSweeps.class);

    @Bean
    SchedulingConfigurer reviewQueueSweeps(ClaimExpiry claims, EvidenceWaitExpiry evidenceWaits,
            OverdueEscalation escalation, EvaluatorProperties properties, MeterRegistry meters) {
        Duration interval = properties.claimSweepInterval();
        Counter expired = counter(meters, "refund.review.claims.expired",
                "Claims let go after refund.evaluator.claim-expiry without a decision");
        Counter rejected = counter(meters, "refund.review.evidence.not.provided",
                "Refunds rejected because the customer added no evidence by the time asked");
        Counter escalated = counter(meters, "refund.review.overdue.escalated",
                "Overdue manual reviews escalated to the ops mailbox (once each)");
        return registrar -> {
            Sweeps.everyInterval(registrar, interval, "claim-expiry", log,
                    () -> expired.increment(claims.releaseExpired().size()));
            Sweeps.everyInterval(registrar, interval, "evidence-wait", log,
                    () -> rejected.increment(evidenceWaits.rejectUnanswered()));
            Sweeps.everyInterval(registrar, interval, "overdue-escalation", log,
                    () -> escalated.increment(escalation.escalate()));
        };
    }

    private static Counter counter(MeterRegistry meters, String name, String description) {
        return Counter.builder(name).description(description).register(meters);
    }
}
