package io.refundflow.evaluator.review;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.review.ManualReviews.ExpiredClaim;
import io.refundflow.platform.worker.Sweeps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A claim holds a case for one reviewer; one that has waited {@code refund.evaluator.claim-expiry} without a
 * decision is let go, so the case returns to the queue for anyone (the reviewer may have left for the day).
 * Looked for every {@code refund.evaluator.claim-sweep-interval}.
 */
@Configuration(proxyBeanMethods = false)
class ClaimExpiry implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ClaimExpiry.class);

    private final ManualReviews reviews;
    private final Clock clock;
    private final Duration expiry;
    private final Duration interval;
    private final Counter expired;

    ClaimExpiry(ManualReviews reviews, Clock clock, EvaluatorProperties properties, MeterRegistry meters) {
        this.reviews = reviews;
        this.clock = clock;
        this.expiry = properties.claimExpiry();
        this.interval = properties.claimSweepInterval();
        this.expired = Counter.builder("refund.review.claims.expired")
                .description("Claims let go after refund.evaluator.claim-expiry without a decision")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // Database away or similar: the claims stay, the next sweep takes them.
        Sweeps.everyInterval(registrar, interval, "claim-expiry", log, this::releaseExpired);
    }

    /** Lets the expired claims go; returns them. */
    List<ExpiredClaim> releaseExpired() {
        List<ExpiredClaim> released = reviews.releaseClaimsBefore(clock.instant().minus(expiry));
        for (ExpiredClaim claim : released) {
            try (var ignored = MDC.putCloseable("refundId", claim.refundId())) {
                log.info("claim by {} since {} expired after {} without a decision; the case is back in the queue",
                        claim.reviewer(), claim.claimedAt(), expiry);
            }
        }
        expired.increment(released.size());
        return released;
    }
}
