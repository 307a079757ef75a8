package io.refundflow.evaluator.review;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.decide.Decisions;
import io.refundflow.evaluator.decide.StoredDecision;
import io.refundflow.evaluator.ledger.Ledger;
import io.refundflow.evaluator.ledger.LedgerView;
import io.refundflow.evaluator.problems.ApiProblem;
import io.refundflow.evaluator.review.ManualReview.Decided;
import io.refundflow.evaluator.review.ManualReviews.ReviewRow;
import io.refundflow.evaluator.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.review.ReviewResult.Conflict;
import io.refundflow.evaluator.review.ReviewResult.NothingLeftToRefund;
import io.refundflow.evaluator.review.ReviewResult.Refusal;
import io.refundflow.evaluator.review.ReviewViews.Case;
import io.refundflow.evaluator.review.ReviewViews.DecisionBody;
import io.refundflow.evaluator.review.ReviewViews.Outcome;
import io.refundflow.evaluator.review.ReviewViews.Page;
import io.refundflow.evaluator.review.ReviewViews.Summary;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.outbox.OutboxWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The manual-review queue: list, look at a case, claim it, decide it. {@link ManualReview} says what a decision
 * comes to; here it is stored, the amount reserved in the order's ledger and its {@link RefundReviewed} event
 * written to the outbox, in one transaction. A refusal changes nothing (its transaction is rolled back).
 */
@Service
class ReviewService {

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

    private final ManualReviews reviews;
    private final Decisions decisions;
    private final Ledger ledger;
    private final BillingOrders orders;
    private final OutboxWriter outbox;
    private final ReviewedEvents events;
    private final EvaluatorProperties properties;
    private final Clock clock;
    private final Counter overCap;

    ReviewService(ManualReviews reviews, Decisions decisions, Ledger ledger, BillingOrders orders, OutboxWriter outbox,
            ReviewedEvents events, EvaluatorProperties properties, Clock clock, MeterRegistry meters) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.ledger = ledger;
        this.orders = orders;
        this.outbox = outbox;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.overCap = Counter.builder("refund.review.over.cap")
                .description("Review approvals refused because the order has less left to refund than asked")
                .register(meters);
    }

    @Transactional(readOnly = true)
    Page queue(Ground ground, ProductKind productKind, int page, int size) {
        var items = reviews.queue(ground, productKind, page * size, size).stream()
                .map(row -> new Summary(row.review().refundId(), row.review().orderId(), row.review().ground(),
                        row.review().productKind(), row.review().status(), row.review().openedAt(),
                        row.review().claimedBy(), row.ruleId(), row.reasonCode(), row.proposedAmount()))
                .toList();
        return new Page(items, page, size, reviews.count(ground, productKind));
    }

    @Transactional(readOnly = true)
    Case view(String refundId) {
        ReviewRow review = review(refundId);
        StoredDecision decision = decision(refundId);
        RefundRequested request = decision.request();
        Optional<BillingOrder> order = orders.find(review.orderId());
        Optional<LedgerView> money = order.map(ledger::view);
        boolean matches = order.map(o -> o.customerId().equals(request.customerId())).orElse(false);
        Outcome outcome = review.status() != ReviewStatus.DECIDED ? null
                : new Outcome(Boolean.TRUE.equals(review.approved()), review.amount(), review.reasonCode(),
                        review.reason(), review.decidedBy(), review.decidedAt(), review.reviewedEventId());
        return new Case(refundId, review.status(), review.openedAt(), review.claimedBy(), review.claimedAt(), request,
                ReviewViews.EvidenceItem.of(request, properties.intakeUrl()), order.orElse(null),
                money.map(LedgerView::refundable).orElse(null),
                money.map(m -> ReviewViews.LedgerDetail.of(m, ledger.entries(review.orderId()))).orElse(null), matches,
                new ReviewViews.Decision(decision.policyVersion(), decision.ruleId(), decision.reasonCode(),
                        decision.reason(), decision.refundAmount(), decision.alreadyRefunded(), decision.trace(),
                        decision.decidedAt()),
                outcome);
    }

    @Transactional
    ReviewResult<Case> claim(String refundId, String reviewer) {
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            if (!reviews.claim(refundId, reviewer, now())) {
                return refuse(ManualReview.claimRefused(review(refundId)));
            }
            log.info("review claimed by {}", reviewer);
        }
        return ReviewResult.done(view(refundId));
    }

    /** Decides a case the reviewer holds (the body's fields are checked by the controller). */
    @Transactional
    ReviewResult<Outcome> decide(String refundId, String reviewer, DecisionBody body) {
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            ReviewRow row = review(refundId);
            ManualReview review = new ManualReview(row, decision(refundId), orders.find(row.orderId()));
            ReviewResult<Decided> judged = review.decide(reviewer, body, order -> ledger.lockAndView(order, now()),
                    properties.texts().reviewApproved());
            if (judged instanceof ReviewResult.Refused<Decided> refused) {
                return refuse(refused.refusal());
            }
            Decided decided = ((ReviewResult.Done<Decided>) judged).value();
            Instant now = now();
            EventEnvelope<RefundReviewed> envelope = events.of(review, decided, reviewer, now);
            if (!reviews.decide(refundId, reviewer, now, decided.approved(), decided.amount(), decided.reasonCode(),
                    decided.reason(), envelope.id())) {
                return refuse(new Conflict("not-claimed-by-you", "Claim lost",
                        "case " + refundId + " was decided or claimed by someone else meanwhile"));
            }
            if (decided.amount() != null) {
                ledger.reserve(refundId, row.orderId(), decided.amount(), now);
            }
            outbox.append(envelope);
            log.info("reviewed by {}: {}{}", reviewer, decided.approved() ? "approved" : "rejected",
                    decided.amount() == null ? "" : " " + decided.amount());
            return ReviewResult.done(new Outcome(decided.approved(), decided.amount(), decided.reasonCode(),
                    decided.reason(), reviewer, now, envelope.id()));
        }
    }

    /** Nothing of a refused request stays: not the ledger lock's row, not a claim. */
    private <T> ReviewResult<T> refuse(Refusal refusal) {
        if (refusal instanceof NothingLeftToRefund || refusal instanceof AboveRefundable) {
            overCap.increment();
        }
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return ReviewResult.refused(refusal);
    }

    private ReviewRow review(String refundId) {
        return reviews.find(refundId)
                .orElseThrow(() -> ApiProblem.notFound("no manual-review case for refund " + refundId));
    }

    private StoredDecision decision(String refundId) {
        return decisions.find(refundId)
                .orElseThrow(() -> new IllegalStateException("review case " + refundId + " has no decision"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
