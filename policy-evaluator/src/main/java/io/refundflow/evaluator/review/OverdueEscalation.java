package io.refundflow.evaluator.review;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.decide.Decisions;
import io.refundflow.evaluator.model.review.ReviewRow;
import io.refundflow.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates each review that passed its due time undecided to the ops mailbox, once: the escalation is recorded
 * on the review in the transaction that writes its {@code ReviewOverdue} event to the outbox, so neither a
 * second sweep nor a second instance sends it again. Reviews waiting for the customer's evidence wait on the
 * customer, not on a reviewer, and are not escalated meanwhile. Looked for by the {@link ReviewSweeps}.
 */
@Component
class OverdueEscalation {

    private static final Logger log = LoggerFactory.getLogger(OverdueEscalation.class);

    private final ManualReviews reviews;
    private final OverdueReviews overdue;
    private final Decisions decisions;
    private final ReviewEvents events;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int batchSize;

    OverdueEscalation(ManualReviews reviews, OverdueReviews overdue, Decisions decisions, ReviewEvents events,
            OutboxWriter outbox, TransactionTemplate transactions, Clock clock, EvaluatorProperties properties) {
        this.reviews = reviews;
        this.overdue = overdue;
        this.decisions = decisions;
        this.events = events;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = properties.sweepBatchSize();
    }

    /** Escalates the overdue reviews not escalated yet; returns how many it escalated. */
    int escalate() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int count = 0;
        for (ReviewRow review : reviews.overdueNotEscalated(overdue.cutoffs(now), batchSize)) {
            if (Boolean.TRUE.equals(transactions.execute(status -> escalate(review, now)))) {
                count++;
            }
        }
        return count;
    }

    private boolean escalate(ReviewRow review, Instant now) {
        try (var ignored = MDC.putCloseable("refundId", review.refundId())) {
            if (!reviews.markEscalated(review.refundId(), now)) {
                return false;
            }
            Instant dueAt = overdue.dueAt(review.ground(), review.openedAt()).orElseThrow();
            outbox.append(events.overdue(review, decisions.find(review.refundId()).orElseThrow(), dueAt, now));
            log.warn("review overdue since {} ({}{}): escalated to the ops mailbox", dueAt, review.status(),
                    review.claimedBy() == null ? ", unclaimed" : ", claimed by " + review.claimedBy());
            return true;
        }
    }
}
