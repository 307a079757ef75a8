package io.refundflow.evaluator.review;

import io.refundflow.evaluator.model.review.ReviewRow;
import io.refundflow.events.Ground;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The manual reviews as a test's own sweep sees them: the production queries pick the rows, and of those only the
 * test's own are taken. Every test class of the module shares the database, and a sweep run at a shifted clock
 * finds other tests' reviews overdue or their waits ended as well: the test's sweep must neither act on them nor
 * count them, nor be kept from its own by them (they come first, oldest first, within a batch).
 */
final class OwnReviews extends ManualReviews {

    private final Set<String> own;

    OwnReviews(JdbcTemplate jdbc, String... refundIds) {
        super(jdbc);
        this.own = Set.of(refundIds);
    }

    @Override
    List<ReviewRow> overdueNotEscalated(Map<Ground, Instant> cutoffs, int limit) {
        return super.overdueNotEscalated(cutoffs, Integer.MAX_VALUE).stream()
                .filter(review -> own.contains(review.refundId()))
                .limit(limit)
                .toList();
    }

    @Override
    List<String> evidenceWaitsEndedBefore(Instant now, int limit) {
        return super.evidenceWaitsEndedBefore(now, Integer.MAX_VALUE).stream()
                .filter(own::contains)
                .limit(limit)
                .toList();
    }
}
