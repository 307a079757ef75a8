package io.refundflow.evaluator.review;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.review.ManualReviews.ExpiredClaim;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * A claim holds a case for one reviewer; one that has waited {@code refund.evaluator.claim-expiry} without a
 * decision is let go, so the case returns to the queue for anyone (the reviewer may have left for the day).
 * Looked for by the {@link ReviewSweeps}.
 */
@Component
class ClaimExpiry {

    private static final Logger log = LoggerFactory.getLogger(ClaimExpiry.class);

    private final ManualReviews reviews;
    private final Clock clock;
    private final Duration expiry;

    ClaimExpiry(ManualReviews reviews, Clock clock, EvaluatorProperties properties) {
        this.reviews = reviews;
        this.clock = clock;
        this.expiry = properties.claimExpiry();
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
        return released;
    }
}
