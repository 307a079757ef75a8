package io.refundflow.evaluator.review;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.evaluator.decide.Decisions;
import io.refundflow.evaluator.decide.Recipients;
import io.refundflow.evaluator.decide.StoredDecision;
import io.refundflow.evaluator.ledger.Ledger;
import io.refundflow.evaluator.ledger.LedgerView;
import io.refundflow.evaluator.problems.ApiProblem;
import io.refundflow.evaluator.review.ManualReviews.ReviewRow;
import io.refundflow.evaluator.review.ReviewViews.Case;
import io.refundflow.evaluator.review.ReviewViews.DecisionBody;
import io.refundflow.evaluator.review.ReviewViews.Outcome;
import io.refundflow.evaluator.review.ReviewViews.Page;
import io.refundflow.evaluator.review.ReviewViews.Summary;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import io.refundflow.platform.outbox.OutboxWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manual-review queue: list, look at a case, claim it, decide it. A decision is stored and its
 * {@link RefundReviewed} event written to the outbox in one transaction.
 */
@Service
class ReviewService {

    static final String REVIEW_APPROVED = "REVIEW_APPROVED";
    static final String REVIEW_REJECTED = "REVIEW_REJECTED";
    static final String NOTHING_LEFT = "nothing-left-to-refund";
    private static final int MAX_TEXT = 2000;

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

    private final ManualReviews reviews;
    private final Decisions decisions;
    private final Ledger ledger;
    private final BillingOrders orders;
    private final OutboxWriter outbox;
    private final EvaluatorProperties properties;
    private final Clock clock;
    private final Counter overCap;

    ReviewService(ManualReviews reviews, Decisions decisions, Ledger ledger, BillingOrders orders, OutboxWriter outbox,
            EvaluatorProperties properties, Clock clock, MeterRegistry meters) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.ledger = ledger;
        this.orders = orders;
        this.outbox = outbox;
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
                request.evidence(), order.orElse(null), money.map(LedgerView::refundable).orElse(null),
                money.map(m -> ReviewViews.LedgerDetail.of(m, ledger.entries(review.orderId()))).orElse(null), matches,
                new ReviewViews.Decision(decision.policyVersion(), decision.ruleId(), decision.reasonCode(),
                        decision.reason(), decision.refundAmount(), decision.alreadyRefunded(), decision.trace(),
                        decision.decidedAt()),
                outcome);
    }

    @Transactional
    Case claim(String refundId, String reviewer) {
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            if (!reviews.claim(refundId, reviewer, now())) {
                ReviewRow review = review(refundId);
                if (review.status() == ReviewStatus.DECIDED) {
                    throw alreadyDecided(review);
                }
                throw ApiProblem.conflict("claimed-by-another-reviewer", "Claimed by another reviewer",
                        "case " + refundId + " is claimed by " + review.claimedBy());
            }
            log.info("review claimed by {}", reviewer);
        }
        return view(refundId);
    }

    @Transactional
    Outcome decide(String refundId, String reviewer, DecisionBody body) {
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            if (body == null || body.approved() == null) {
                throw ApiProblem.badField("approved", "is required (true to approve, false to reject)");
            }
            requireValidText("reason", body.reason());
            ReviewRow review = review(refundId);
            if (review.status() == ReviewStatus.DECIDED) {
                throw alreadyDecided(review);
            }
            if (review.status() != ReviewStatus.CLAIMED || !reviewer.equals(review.claimedBy())) {
                throw ApiProblem.conflict("not-claimed-by-you", "Claim the case first",
                        "case " + refundId + " must be claimed by you before you decide it"
                                + (review.claimedBy() == null ? "" : "; it is claimed by " + review.claimedBy()));
            }
            StoredDecision decision = decision(refundId);
            RefundRequested request = decision.request();
            Optional<BillingOrder> order = orders.find(review.orderId());
            boolean ownerAsked = order.map(o -> o.customerId().equals(request.customerId())).orElse(false);
            Money amount = null;
            LocalizedText reason;
            String reasonCode;
            if (body.approved()) {
                if (order.isEmpty()) {
                    throw ApiProblem.conflict("order-unknown", "Order unknown",
                            "billing order " + review.orderId() + " is still unknown, so there is nothing known to"
                                    + " refund; reject the case or wait for the order");
                }
                if (!ownerAsked) {
                    throw ApiProblem.conflict("customer-mismatch", "Customer does not own the order",
                            "request customer " + request.customerId() + " does not own order "
                                    + review.orderId() + "; such a request can only be rejected");
                }
                // Another refund of the order may have been approved since the case opened: cap again, under the
                // order's ledger lock, which this transaction keeps until the reservation below is committed.
                LedgerView money = ledger.lockAndView(order.get(), now());
                amount = approvedAmount(body.amount(), decision.refundAmount(), money, review.orderId());
                reason = body.reason() != null ? body.reason() : properties.texts().reviewApproved();
                reasonCode = REVIEW_APPROVED;
            } else {
                if (body.amount() != null) {
                    throw ApiProblem.badField("amount", "must be absent when rejecting");
                }
                if (body.reason() == null) {
                    throw ApiProblem.badField("reason", "is required when rejecting (en and zh)");
                }
                reason = body.reason();
                reasonCode = REVIEW_REJECTED;
            }
            // Without a trusted order owner the ops mailbox is told, never an address from the request.
            Recipient recipient = ownerAsked ? Recipients.of(order.get(), request.locale())
                    : properties.opsRecipient().recipient();
            Instant now = now();
            RefundReviewed event = new RefundReviewed(refundId, request.caseNumber(), review.orderId(), recipient, now,
                    decision.policyVersion(), decision.ruleId(), reasonCode, reason, body.approved(), amount,
                    reviewer);
            EventEnvelope<RefundReviewed> envelope = EventEnvelope.of(properties.eventSource(), event, clock);
            if (!reviews.decide(refundId, reviewer, now, body.approved(), amount, reasonCode, reason, envelope.id())) {
                throw ApiProblem.conflict("not-claimed-by-you", "Claim lost",
                        "case " + refundId + " was decided or claimed by someone else meanwhile");
            }
            if (amount != null) {
                ledger.reserve(refundId, review.orderId(), amount, now);
            }
            outbox.append(envelope);
            log.info("reviewed by {}: {}{}", reviewer, body.approved() ? "approved" : "rejected",
                    amount == null ? "" : " " + amount);
            return new Outcome(body.approved(), amount, reasonCode, reason, reviewer, now, envelope.id());
        }
    }

    /**
     * The reviewer's amount, or the policy's proposal (what the engine computed when the case opened), never more
     * than what the order's ledger has left now.
     */
    private Money approvedAmount(Money requested, Money proposed, LedgerView money, String orderId) {
        Money refundable = money.refundable();
        if (!refundable.isPositive()) {
            overCap.increment();
            throw ApiProblem.conflict(NOTHING_LEFT, "Nothing left to refund", "nothing is left to refund on order "
                    + orderId + " (" + money.describe() + "); reject the case instead");
        }
        if (requested == null) {
            return proposed == null ? refundable : proposed.min(refundable);
        }
        if (!requested.currency().equals(refundable.currency())) {
            throw ApiProblem.badField("amount.currency", "must be " + refundable.currency()
                    + ", the currency the order was paid in, not " + requested.currency());
        }
        int minorUnits = Math.max(0, Currency.getInstance(requested.currency()).getDefaultFractionDigits());
        if (requested.amount().stripTrailingZeros().scale() > minorUnits) {
            throw ApiProblem.badField("amount.amount", "has more decimals than " + requested.currency()
                    + " allows (" + minorUnits + ")");
        }
        if (!requested.isPositive()) {
            throw ApiProblem.badField("amount.amount", "must be greater than zero");
        }
        if (requested.isGreaterThan(refundable)) {
            overCap.increment();
            throw ApiProblem.badField("amount.amount", requested + " exceeds what is refundable on order " + orderId
                    + ": " + refundable + " (" + money.describe() + ")");
        }
        return requested.normalized();
    }

    private static void requireValidText(String field, LocalizedText text) {
        if (text == null) {
            return;
        }
        if (text.en() == null || text.en().isBlank()) {
            throw ApiProblem.badField(field + ".en", "is required (the English text)");
        }
        if (text.zh() == null || text.zh().isBlank()) {
            throw ApiProblem.badField(field + ".zh", "is required (the Chinese text)");
        }
        if (text.en().length() > MAX_TEXT) {
            throw ApiProblem.badField(field + ".en", "must be at most " + MAX_TEXT + " characters");
        }
        if (text.zh().length() > MAX_TEXT) {
            throw ApiProblem.badField(field + ".zh", "must be at most " + MAX_TEXT + " characters");
        }
    }

    private ReviewRow review(String refundId) {
        return reviews.find(refundId)
                .orElseThrow(() -> ApiProblem.notFound("no manual-review case for refund " + refundId));
    }

    private StoredDecision decision(String refundId) {
        return decisions.find(refundId)
                .orElseThrow(() -> new IllegalStateException("review case " + refundId + " has no decision"));
    }

    private static ApiProblem alreadyDecided(ReviewRow review) {
        return ApiProblem.conflict("already-decided", "Already decided",
                "case " + review.refundId() + " was decided by " + review.decidedBy() + " at " + review.decidedAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
