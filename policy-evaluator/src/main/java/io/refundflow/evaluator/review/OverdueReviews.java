package io.refundflow.evaluator.review;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.events.Ground;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code refund_review_overdue}: undecided manual reviews past the due time the policy gives their
 * ground ({@code reviewDueWithin}), read from the database at each scrape.
 */
@Component
class OverdueReviews {

    private static final Logger log = LoggerFactory.getLogger(OverdueReviews.class);

    private final ManualReviews reviews;
    private final PolicyEngine engine;
    private final Clock clock;

    OverdueReviews(ManualReviews reviews, PolicyEngine engine, Clock clock, MeterRegistry meters) {
        this.reviews = reviews;
        this.engine = engine;
        this.clock = clock;
        Gauge.builder("refund.review.overdue", this, OverdueReviews::scraped)
                .description("Undecided manual reviews past the due time of the policy's reviewDueWithin")
                .register(meters);
    }

    /** How many undecided reviews are overdue at this instant. */
    long at(Instant now) {
        return reviews.countOpenedBefore(cutoffs(now));
    }

    /** Per ground with a due time, the opening time before which a review is overdue at {@code now}. */
    Map<Ground, Instant> cutoffs(Instant now) {
        Map<Ground, Instant> cutoffs = new EnumMap<>(Ground.class);
        for (Ground ground : Ground.values()) {
            engine.policy().reviewDueWithin(ground).ifPresent(due -> cutoffs.put(ground, now.minus(due)));
        }
        return cutoffs;
    }

    /** When a review opened at {@code openedAt} on this ground is due; empty where the policy sets no due time. */
    Optional<Instant> dueAt(Ground ground, Instant openedAt) {
        return engine.policy().reviewDueWithin(ground).map(openedAt::plus);
    }

    private double scraped() {
        try {
            return at(clock.instant());
        } catch (RuntimeException e) {
            // the database is away: no figure rather than a wrong one
            log.warn("could not count overdue reviews: {}", e.getMessage());
            return Double.NaN;
        }
    }
}
