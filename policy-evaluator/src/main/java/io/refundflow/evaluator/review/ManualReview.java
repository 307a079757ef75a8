package io.refundflow.evaluator.review;

import io.refundflow.evaluator.decide.StoredDecision;
import io.refundflow.evaluator.ledger.LedgerView;
import io.refundflow.evaluator.review.ManualReviews.ReviewRow;
import io.refundflow.evaluator.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.review.ReviewResult.Conflict;
import io.refundflow.evaluator.review.ReviewResult.InvalidField;
import io.refundflow.evaluator.review.ReviewResult.NothingLeftToRefund;
import io.refundflow.evaluator.review.ReviewViews.DecisionBody;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.RefundRequested;
import java.util.Currency;
import java.util.Optional;
import java.util.function.Function;

/**
 * One case of the manual-review queue with what deciding it depends on: the automatic decision that opened
 * it (with the request) and the billing order as it is now. It applies the approval rules and says what the
 * reviewer's decision comes to; storing it and telling the others is {@link ReviewService}'s job.
 */
final class ManualReview {

    static final String REVIEW_APPROVED = "REVIEW_APPROVED";
    static final String REVIEW_REJECTED = "REVIEW_REJECTED";
    static final String NOTHING_LEFT = "nothing-left-to-refund";

    /** A decision the rules allow, to be stored and published. */
    record Decided(boolean approved, Money amount, String reasonCode, LocalizedText reason) {
    }

    private final ReviewRow review;
    private final StoredDecision decision;
    private final Optional<BillingOrder> order;

    ManualReview(ReviewRow review, StoredDecision decision, Optional<BillingOrder> order) {
        this.review = review;
        this.decision = decision;
        this.order = order;
    }

    /** Why the case could not be claimed: decided already, or held by another reviewer. */
    static Conflict claimRefused(ReviewRow review) {
        if (review.status() == ReviewStatus.DECIDED) {
            return alreadyDecided(review);
        }
        return new Conflict("claimed-by-another-reviewer", "Claimed by another reviewer",
                "case " + review.refundId() + " is claimed by " + review.claimedBy());
    }

    /**
     * The reviewer's decision, checked against the case: it must be claimed by the reviewer; an approval needs
     * the order known and owned by the customer who asked, and is capped by what the order has left to refund.
     *
     * @param lockedLedger       locks the order's ledger and reads it: called only for an approval that may be
     *                           given, so that the cap holds until the approval's reservation is committed
     * @param approvalByDefault  the reason an approval gives when the reviewer wrote none
     */
    ReviewResult<Decided> decide(String reviewer, DecisionBody body, Function<BillingOrder, LedgerView> lockedLedger,
            LocalizedText approvalByDefault) {
        if (review.status() == ReviewStatus.DECIDED) {
            return ReviewResult.refused(alreadyDecided(review));
        }
        if (review.status() != ReviewStatus.CLAIMED || !reviewer.equals(review.claimedBy())) {
            return ReviewResult.refused(new Conflict("not-claimed-by-you", "Claim the case first",
                    "case " + review.refundId() + " must be claimed by you before you decide it"
                            + (review.claimedBy() == null ? "" : "; it is claimed by " + review.claimedBy())));
        }
        return body.approved() ? approve(body, lockedLedger, approvalByDefault) : reject(body);
    }

    private ReviewResult<Decided> approve(DecisionBody body, Function<BillingOrder, LedgerView> lockedLedger,
            LocalizedText approvalByDefault) {
        if (order.isEmpty()) {
            return ReviewResult.refused(new Conflict("order-unknown", "Order unknown",
                    "billing order " + review.orderId() + " is still unknown, so there is nothing known to"
                            + " refund; reject the case or wait for the order"));
        }
        if (!ownerAsked()) {
            return ReviewResult.refused(new Conflict("customer-mismatch", "Customer does not own the order",
                    "request customer " + request().customerId() + " does not own order "
                            + review.orderId() + "; such a request can only be rejected"));
        }
        // Another refund of the order may have been approved since the case opened: cap again, under the
        // order's ledger lock, which the caller's transaction keeps until the reservation is committed.
        LedgerView money = lockedLedger.apply(order.get());
        ReviewResult<Money> amount = approvedAmount(body.amount(), decision.refundAmount(), money);
        if (amount instanceof ReviewResult.Refused<Money> refused) {
            return ReviewResult.refused(refused.refusal());
        }
        return ReviewResult.done(new Decided(true, ((ReviewResult.Done<Money>) amount).value(), REVIEW_APPROVED,
                body.reason() != null ? body.reason() : approvalByDefault));
    }

    private ReviewResult<Decided> reject(DecisionBody body) {
        if (body.amount() != null) {
            return ReviewResult.refused(new InvalidField("amount", "must be absent when rejecting"));
        }
        if (body.reason() == null) {
            return ReviewResult.refused(new InvalidField("reason", "is required when rejecting (en and zh)"));
        }
        return ReviewResult.done(new Decided(false, null, REVIEW_REJECTED, body.reason()));
    }

    /**
     * The reviewer's amount, or the policy's proposal (what the engine computed when the case opened), never more
     * than what the order's ledger has left now.
     */
    private ReviewResult<Money> approvedAmount(Money requested, Money proposed, LedgerView money) {
        Money refundable = money.refundable();
        String orderId = review.orderId();
        if (!refundable.isPositive()) {
            return ReviewResult.refused(new NothingLeftToRefund("nothing is left to refund on order " + orderId
                    + " (" + money.describe() + "); reject the case instead"));
        }
        if (requested == null) {
            return ReviewResult.done(proposed == null ? refundable : proposed.min(refundable));
        }
        if (!requested.currency().equals(refundable.currency())) {
            return ReviewResult.refused(new InvalidField("amount.currency", "must be " + refundable.currency()
                    + ", the currency the order was paid in, not " + requested.currency()));
        }
        int minorUnits = Math.max(0, Currency.getInstance(requested.currency()).getDefaultFractionDigits());
        if (requested.amount().stripTrailingZeros().scale() > minorUnits) {
            return ReviewResult.refused(new InvalidField("amount.amount", "has more decimals than "
                    + requested.currency() + " allows (" + minorUnits + ")"));
        }
        if (!requested.isPositive()) {
            return ReviewResult.refused(new InvalidField("amount.amount", "must be greater than zero"));
        }
        if (requested.isGreaterThan(refundable)) {
            return ReviewResult.refused(new AboveRefundable(requested + " exceeds what is refundable on order "
                    + orderId + ": " + refundable + " (" + money.describe() + ")"));
        }
        return ReviewResult.done(requested.normalized());
    }

    /** Whether the customer who asked owns the order: only then may the case be approved and they be told. */
    boolean ownerAsked() {
        return order.map(o -> o.customerId().equals(request().customerId())).orElse(false);
    }

    RefundRequested request() {
        return decision.request();
    }

    ReviewRow row() {
        return review;
    }

    StoredDecision decision() {
        return decision;
    }

    Optional<BillingOrder> order() {
        return order;
    }

    private static Conflict alreadyDecided(ReviewRow review) {
        return new Conflict("already-decided", "Already decided",
                "case " + review.refundId() + " was decided by " + review.decidedBy() + " at " + review.decidedAt());
    }
}
