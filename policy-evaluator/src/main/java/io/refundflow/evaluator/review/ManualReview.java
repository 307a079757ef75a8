package io.refundflow.evaluator.review;

import io.refundflow.evaluator.decide.StoredDecision;
import io.refundflow.evaluator.ledger.LedgerView;
import io.refundflow.evaluator.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.review.ReviewResult.Conflict;
import io.refundflow.evaluator.review.ReviewResult.InvalidField;
import io.refundflow.evaluator.review.ReviewResult.NothingLeftToRefund;
import io.refundflow.evaluator.review.ReviewViews.DecisionBody;
import io.refundflow.evaluator.review.ReviewViews.FirstApproval;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.RefundRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.function.Function;

/**
 * One case of the manual-review queue with what deciding it depends on: the automatic decision that opened
 * it (with the request) and the billing order as it is now. It applies the approval rules and says what the
 * reviewer's decision comes to; storing it and telling the others is {@link ReviewService}'s job. The refusals
 * that depend on the case's state alone are {@link ReviewConflicts}.
 */
final class ManualReview {

    static final String REVIEW_APPROVED = "REVIEW_APPROVED";
    static final String REVIEW_REJECTED = "REVIEW_REJECTED";
    static final String NOTHING_LEFT = "nothing-left-to-refund";
    static final String NOBODY_TO_ASK = "nobody-to-ask";

    /** What a reviewer's decision the rules allow comes to. */
    sealed interface Judgement {
    }

    /** A decision, to be stored and published. */
    record Decided(boolean approved, Money amount, String reasonCode, LocalizedText reason) implements Judgement {
    }

    /**
     * An approval above the policy's four-eyes threshold by the first reviewer: to be stored as waiting for a
     * second reviewer; nothing is reserved or published yet.
     */
    record FirstApproved(Money amount, LocalizedText reason, Money threshold) implements Judgement {
    }

    private final ReviewRow review;
    private final StoredDecision decision;
    private final Optional<BillingOrder> order;

    ManualReview(ReviewRow review, StoredDecision decision, Optional<BillingOrder> order) {
        this.review = review;
        this.decision = decision;
        this.order = order;
    }

    /**
     * The reviewer's decision, checked against the case: it must be claimed by the reviewer; an approval needs
     * the order known and owned by the customer who asked, and is capped by what the order has left to refund.
     *
     * @param lockedLedger       locks the order's ledger and reads it: called only for an approval that may be
     *                           given, so that the cap holds until the approval's reservation is committed
     * @param approvalByDefault  the reason an approval gives when the reviewer wrote none
     * @param fourEyesThreshold  the policy's four-eyes threshold of an amount's currency, if the amount is above it
     */
    ReviewResult<Judgement> decide(String reviewer, DecisionBody body,
            Function<BillingOrder, LedgerView> lockedLedger, LocalizedText approvalByDefault,
            Function<Money, Optional<Money>> fourEyesThreshold) {
        if (review.status() == ReviewStatus.DECIDED) {
            return ReviewResult.refused(ReviewConflicts.alreadyDecided(review));
        }
        if (review.status() == ReviewStatus.AWAITING_SECOND_APPROVAL) {
            return secondDecision(reviewer, body, lockedLedger);
        }
        if (review.status() == ReviewStatus.AWAITING_EVIDENCE) {
            return ReviewResult.refused(ReviewConflicts.awaitingEvidence(review));
        }
        if (review.status() != ReviewStatus.CLAIMED || !reviewer.equals(review.claimedBy())) {
            return ReviewResult.refused(new Conflict("not-claimed-by-you", "Claim the case first",
                    "case " + review.refundId() + " must be claimed by you before you decide it"
                            + (review.claimedBy() == null ? "" : "; it is claimed by " + review.claimedBy())));
        }
        if (!body.approved()) {
            return reject(body);
        }
        ReviewResult<Judgement> approved = approve(body.amount(), body.reason() != null ? body.reason()
                : approvalByDefault, lockedLedger);
        if (approved instanceof ReviewResult.Done<Judgement> done && done.value() instanceof Decided decided) {
            Optional<Money> threshold = fourEyesThreshold.apply(decided.amount());
            if (threshold.isPresent()) {
                return ReviewResult.done(new FirstApproved(decided.amount(), decided.reason(), threshold.get()));
            }
        }
        return approved;
    }

    /**
     * Whether the reviewer may ask the customer for more evidence, and until when the customer may answer: only
     * from a case the reviewer holds, whose customer owns the order (nobody else can be trusted with the request),
     * under a policy that sets how long the customer has ({@code evidenceAnswerWithin}).
     */
    ReviewResult<Instant> askForEvidence(String reviewer, Optional<Duration> answerWithin, Instant now) {
        Optional<Conflict> refused = switch (review.status()) {
            case DECIDED -> Optional.of(ReviewConflicts.alreadyDecided(review));
            case AWAITING_EVIDENCE -> Optional.of(ReviewConflicts.awaitingEvidence(review));
            case AWAITING_SECOND_APPROVAL -> Optional.of(new Conflict("awaiting-second-approval",
                    "Approved once already", "case " + review.refundId() + " was approved by "
                            + review.firstApproval().reviewer() + "; a second reviewer approves or rejects it"));
            case OPEN, CLAIMED -> reviewer.equals(review.claimedBy()) ? Optional.empty()
                    : Optional.of(new Conflict("not-claimed-by-you", "Claim the case first", "case "
                            + review.refundId() + " must be claimed by you before you ask for evidence"));
        };
        if (refused.isPresent()) {
            return ReviewResult.refused(refused.get());
        }
        if (!ownerAsked()) {
            return ReviewResult.refused(new Conflict(NOBODY_TO_ASK, "Nobody to ask", "the customer who asked ("
                    + request().customerId() + ") is not the owner billing holds for order " + review.orderId()
                    + ", or the order is unknown: there is no trusted address to ask; decide the case instead"));
        }
        if (answerWithin.isEmpty()) {
            return ReviewResult.refused(new Conflict("evidence-requests-off", "Evidence requests are off",
                    "the policy sets no evidenceAnswerWithin, so a customer cannot be asked for more evidence"));
        }
        return ReviewResult.done(now.plus(answerWithin.get()));
    }

    /**
     * The second decision of a four-eyes case: by anyone but the first approver, a rejection, or an approval of
     * the first approval's amount, capped again now (the ledger may have less left than when it was first approved).
     */
    private ReviewResult<Judgement> secondDecision(String reviewer, DecisionBody body,
            Function<BillingOrder, LedgerView> lockedLedger) {
        FirstApproval first = review.firstApproval();
        if (reviewer.equals(first.reviewer())) {
            return ReviewResult.refused(ReviewConflicts.secondReviewerRequired(review));
        }
        if (!body.approved()) {
            return reject(body);
        }
        if (body.amount() != null && !body.amount().normalized().equals(first.amount())) {
            return ReviewResult.refused(new InvalidField("amount", "must be " + first.amount() + ", the amount "
                    + first.reviewer() + " approved, or left out: a second approval confirms that amount (reject the"
                    + " case to refuse it)"));
        }
        return approve(first.amount(), body.reason() != null ? body.reason() : first.reason(), lockedLedger);
    }

    private ReviewResult<Judgement> approve(Money requested, LocalizedText reason,
            Function<BillingOrder, LedgerView> lockedLedger) {
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
        ReviewResult<Money> amount = approvedAmount(requested, decision.refundAmount(), money);
        if (amount instanceof ReviewResult.Refused<Money> refused) {
            return ReviewResult.refused(refused.refusal());
        }
        return ReviewResult.done(new Decided(true, ((ReviewResult.Done<Money>) amount).value(), REVIEW_APPROVED,
                reason));
    }

    private ReviewResult<Judgement> reject(DecisionBody body) {
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
}
