package io.refundflow.evaluator.review;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.decide.Decisions;
import io.refundflow.evaluator.ledger.Ledger;
import io.refundflow.evaluator.model.LedgerView;
import io.refundflow.evaluator.model.StoredDecision;
import io.refundflow.evaluator.model.review.FirstApproval;
import io.refundflow.evaluator.model.review.ManualReview;
import io.refundflow.evaluator.model.review.ManualReview.Decided;
import io.refundflow.evaluator.model.review.ManualReview.DefaultReasons;
import io.refundflow.evaluator.model.review.ManualReview.FirstApproved;
import io.refundflow.evaluator.model.review.ManualReview.Judgement;
import io.refundflow.evaluator.model.review.ManualReview.SecondReviewerNeeded;
import io.refundflow.evaluator.model.review.ReviewConflicts;
import io.refundflow.evaluator.model.review.ReviewResult;
import io.refundflow.evaluator.model.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import io.refundflow.evaluator.model.review.ReviewResult.NothingLeftToRefund;
import io.refundflow.evaluator.model.review.ReviewResult.Refusal;
import io.refundflow.evaluator.model.review.ReviewRow;
import io.refundflow.evaluator.model.review.ReviewStatus;
import io.refundflow.evaluator.model.review.ReviewerDecision;
import io.refundflow.evaluator.policy.Policy;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.evaluator.problems.ApiProblem;
import io.refundflow.evaluator.review.ReviewViews.Case;
import io.refundflow.evaluator.review.ReviewViews.DecisionBody;
import io.refundflow.evaluator.review.ReviewViews.Outcome;
import io.refundflow.evaluator.review.ReviewViews.Page;
import io.refundflow.evaluator.review.ReviewViews.Summary;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manual-review queue: list, look at a case, claim it, decide it. {@link ManualReview} says what a decision
 * comes to; here it is stored, the amount reserved in the order's ledger and its {@link RefundReviewed} event
 * written to the outbox, in one transaction. An approval that takes what one reviewer approved alone on the order
 * above the policy's four-eyes threshold is only stored as the first of two: the second reviewer's decision reserves
 * and publishes. A refusal changes nothing (its
 * transaction is rolled back).
 */
@Service
class ReviewService {

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

    private final ManualReviews reviews;
    private final ReviewEvidenceFiles evidenceFiles;
    private final Decisions decisions;
    private final Ledger ledger;
    private final BillingOrders orders;
    private final OutboxWriter outbox;
    private final ReviewEvents events;
    private final EvaluatorProperties properties;
    private final PolicyEngine engine;
    private final Clock clock;
    private final Counter overCap;

    ReviewService(ManualReviews reviews, ReviewEvidenceFiles evidenceFiles, Decisions decisions, Ledger ledger,
            BillingOrders orders, OutboxWriter outbox, ReviewEvents events, EvaluatorProperties properties,
            PolicyEngine engine, Clock clock, MeterRegistry meters) {
        this.reviews = reviews;
        this.evidenceFiles = evidenceFiles;
        this.decisions = decisions;
        this.ledger = ledger;
        this.orders = orders;
        this.outbox = outbox;
        this.events = events;
        this.properties = properties;
        this.engine = engine;
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
                        row.review().claimedBy(), row.ruleId(), row.reasonCode(), row.proposedAmount(),
                        row.review().firstApproval(), deadline(row.review()), row.review().evidenceRequest()))
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
                : Outcome.of(ReviewStatus.DECIDED, Boolean.TRUE.equals(review.approved()), review.amount(),
                        review.reasonCode(), review.reason(), review.decidedBy(), review.decidedAt(),
                        review.reviewedEventId(), review.firstApproval());
        return new Case(refundId, review.status(), review.openedAt(), review.claimedBy(), review.claimedAt(), request,
                ReviewViews.EvidenceItem.of(request, evidenceFiles.added(refundId), properties.intakeUrl()),
                order.orElse(null),
                money.map(LedgerView::refundable).orElse(null),
                money.map(m -> ReviewViews.LedgerDetail.of(m, ledger.entries(review.orderId()))).orElse(null), matches,
                new ReviewViews.Decision(decision.policyVersion(), decision.ruleId(), decision.reasonCode(),
                        decision.reason(), decision.refundAmount(), decision.alreadyRefunded(), decision.trace(),
                        decision.decidedAt()),
                review.firstApproval(), deadline(review), review.evidenceRequest(), outcome);
    }

    private ReviewViews.Deadline deadline(ReviewRow review) {
        if (review.status() == ReviewStatus.DECIDED || review.status() == ReviewStatus.AWAITING_EVIDENCE) {
            return null;
        }
        Instant now = now();
        return engine.policy().reviewDueWithin(review.ground()).map(due -> review.openedAt().plus(due))
                .map(dueAt -> new ReviewViews.Deadline(dueAt, now.isAfter(dueAt))).orElse(null);
    }

    @Transactional
    ReviewResult<Case> claim(String refundId, String reviewer) {
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            if (reviews.claim(refundId, reviewer, now())) {
                log.info("review claimed by {}", reviewer);
            } else {
                Optional<Conflict> refused = ReviewConflicts.claimRefused(review(refundId), reviewer);
                if (refused.isPresent()) {
                    return refuse(refused.get());
                }
            }
        }
        return ReviewResult.done(view(refundId));
    }

    /** Decides a case the reviewer holds (the body's fields are checked by the controller). */
    @Transactional
    ReviewResult<Outcome> decide(String refundId, String reviewer, DecisionBody body) {
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            ManualReview review = load(refundId);
            ReviewRow row = review.row();
            ReviewResult<Judgement> judged = review.decide(reviewer, new ReviewerDecision(body.approved(), body.amount(), body.reason()),
                    order -> ledger.lockAndView(order, now()), defaultReasons(),
                    amount -> secondReviewerNeeded(row.orderId(), reviewer, amount));
            if (judged instanceof ReviewResult.Refused<Judgement> refused) {
                return refuse(refused.refusal());
            }
            Judgement judgement = ((ReviewResult.Done<Judgement>) judged).value();
            Instant now = now();
            if (judgement instanceof FirstApproved first) {
                return approveFirst(refundId, reviewer, first, now);
            }
            Decided decided = (Decided) judgement;
            EventEnvelope<RefundReviewed> envelope = events.of(review, decided, reviewer, now);
            if (!reviews.decide(refundId, reviewer, now, decided.approved(), decided.amount(), decided.reasonCode(),
                    decided.reason(), envelope.id())) {
                return refuse(ReviewConflicts.claimLost(refundId));
            }
            if (decided.amount() != null) {
                ledger.reserve(refundId, row.orderId(), decided.amount(), now);
            }
            outbox.append(envelope);
            String after = row.firstApproval() == null ? ""
                    : " after the first approval by " + row.firstApproval().reviewer();
            log.info("reviewed by {}{}: {} {}{}", reviewer, after, decided.approved() ? "approved" : "rejected",
                    decided.reasonCode(), decided.amount() == null ? "" : " " + decided.amount());
            return ReviewResult.done(Outcome.of(ReviewStatus.DECIDED, decided.approved(), decided.amount(),
                    decided.reasonCode(), decided.reason(), reviewer, now, envelope.id(), row.firstApproval()));
        }
    }

    /**
     * Records the first of two approvals. Nothing is reserved and nothing published: the second reviewer's
     * approval reserves the amount, capped again then, in the transaction that publishes it.
     */
    private ReviewResult<Outcome> approveFirst(String refundId, String reviewer, FirstApproved first, Instant now) {
        if (!reviews.approveFirst(refundId, reviewer, now, first.amount(), first.reason())) {
            return refuse(ReviewConflicts.claimLost(refundId));
        }
        log.info("first approval by {} of {} (approved alone on the order before, within the four-eyes window: {}),"
                + " above the four-eyes threshold {}: waiting for a second reviewer", reviewer, first.amount(),
                first.why().approvedBefore(), first.why().threshold());
        FirstApproval approval = new FirstApproval(reviewer, now, first.amount(), first.reason());
        return ReviewResult.done(Outcome.of(ReviewStatus.AWAITING_SECOND_APPROVAL, true, first.amount(),
                first.reasonCode(), first.reason(), reviewer, now, null, approval));
    }

    private DefaultReasons defaultReasons() {
        return new DefaultReasons(properties.texts().reviewApproved(), properties.texts().exchangeApproved());
    }

    /**
     * Whether the reviewer's approval of {@code amount} on the order needs a second reviewer: it does when, with
     * what the same reviewer approved alone on the same order (over all its cases) within the policy's
     * {@code fourEyesWindow}, it is above the policy's threshold. Called under the order's ledger lock, which every
     * approval on the order takes first: two approvals by one reviewer are counted one after the other, never both
     * below the threshold.
     */
    private Optional<SecondReviewerNeeded> secondReviewerNeeded(String orderId, String reviewer, Money amount) {
        Policy policy = engine.policy();
        Instant now = now();
        // without a window every earlier approval of the order counts, however old (the safe reading)
        Instant since = policy.fourEyesWindow().map(now::minus).orElse(Instant.EPOCH);
        Money before = reviews.approvedAlone(orderId, reviewer, amount.currency(), since);
        return policy.fourEyesThresholdExceededBy(before.plus(amount))
                .map(threshold -> new SecondReviewerNeeded(threshold, before));
    }

    /** Nothing of a refused request stays: not the ledger lock's row, not a claim. */
    private <T> ReviewResult<T> refuse(Refusal refusal) {
        if (refusal instanceof NothingLeftToRefund || refusal instanceof AboveRefundable) {
            overCap.increment();
        }
        return Rollbacks.refused(refusal);
    }

    /** The case with what deciding it depends on: its row, the decision that opened it, the order as it is now. */
    ManualReview load(String refundId) {
        ReviewRow row = review(refundId);
        return new ManualReview(row, decision(refundId), orders.find(row.orderId()));
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
