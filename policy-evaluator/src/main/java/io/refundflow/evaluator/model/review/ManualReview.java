package io.refundflow.evaluator.model.review;

import io.refundflow.evaluator.model.LedgerView;
import io.refundflow.evaluator.model.StoredDecision;
import io.refundflow.evaluator.model.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import io.refundflow.evaluator.model.review.ReviewResult.InvalidField;
import io.refundflow.evaluator.model.review.ReviewResult.NothingLeftToRefund;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.function.Function;

/**
 * One case of the manual-review queue with what deciding it depends on: the automatic decision that opened
 * it (with the request) and the billing order as it is now. It applies the approval rules and says what the
 * reviewer's decision comes to; storing it and telling the others is the {@code review} feature's job. The refusals
 * that depend on the case's state alone are {@link ReviewConflicts}.
 */
public final class ManualReview {

    public static final String REVIEW_APPROVED = "REVIEW_APPROVED";
    /** An approval that pays money on a case whose rule proposes none ({@code refund: NONE}). */
    public static final String REVIEW_APPROVED_AGAINST_POLICY = "REVIEW_APPROVED_AGAINST_POLICY";
    public static final String REVIEW_REJECTED = "REVIEW_REJECTED";
    public static final String NOTHING_LEFT = "nothing-left-to-refund";
    public static final String NOBODY_TO_ASK = "nobody-to-ask";

    /** What a reviewer's decision the rules allow comes to. */
    public sealed interface Judgement {
    }

    /**
     * A decision, to be stored and published.
     *
     * @param amount   what the decision pays: absent for a rejection and for an exchange
     * @param exchange an approved exchange: the replacement is arranged, no money moves
     */
    public record Decided(boolean approved, Money amount, String reasonCode, LocalizedText reason, boolean exchange)
            implements Judgement {

        public static Decided refund(Money amount, String reasonCode, LocalizedText reason) {
            return new Decided(true, amount, reasonCode, reason, false);
        }

        public static Decided rejection(String reasonCode, LocalizedText reason) {
            return new Decided(false, null, reasonCode, reason, false);
        }

        public static Decided exchange(LocalizedText reason) {
            return new Decided(true, null, RefundReviewed.EXCHANGE_APPROVED, reason, true);
        }
    }

    /**
     * An approval that, added to what the reviewer approved alone on the order within the policy's
     * {@code fourEyesWindow}, is above the policy's four-eyes threshold: to be stored as waiting for a second
     * reviewer; nothing is reserved or published yet.
     */
    public record FirstApproved(Money amount, String reasonCode, LocalizedText reason, SecondReviewerNeeded why)
            implements Judgement {
    }

    /**
     * Why an approval needs a second reviewer.
     *
     * @param threshold      the policy's four-eyes threshold of the currency
     * @param approvedBefore what the same reviewer approved alone on the same order within the window, before this
     */
    public record SecondReviewerNeeded(Money threshold, Money approvedBefore) {
    }

    /**
     * The reasons an approval gives when the reviewer wrote none.
     *
     * @param refund   of an approved refund the policy proposed
     * @param exchange of an approved exchange
     */
    public record DefaultReasons(LocalizedText refund, LocalizedText exchange) {
    }

    private final ReviewRow review;
    private final StoredDecision decision;
    private final Optional<BillingOrder> order;

    public ManualReview(ReviewRow review, StoredDecision decision, Optional<BillingOrder> order) {
        this.review = review;
        this.decision = decision;
        this.order = order;
    }

    /**
     * The reviewer's decision, checked against the case: it must be claimed by the reviewer; an approval needs
     * the order known and owned by the customer who asked. An exchange's approval pays nothing. A refund's approval
     * is capped by what the order has left to refund, and takes the policy's proposal when it names no amount; where
     * the policy proposes nothing ({@code refund: NONE}) it pays only an amount the reviewer wrote, with a reason.
     *
     * @param lockedLedger    locks the order's ledger and reads it: called only for a refund's approval that may be
     *                        given, so that the cap holds until the approval's reservation is committed
     * @param byDefault       the reasons an approval gives when the reviewer wrote none
     * @param fourEyes        whether an amount needs a second reviewer: called only after {@code lockedLedger}, so
     *                        under the order's ledger lock, where what the reviewer approved on the order before
     *                        cannot change until this approval is committed
     */
    public ReviewResult<Judgement> decide(String reviewer, ReviewerDecision body,
            Function<BillingOrder, LedgerView> lockedLedger, DefaultReasons byDefault,
            Function<Money, Optional<SecondReviewerNeeded>> fourEyes) {
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
        if (isExchange()) {
            return approveExchange(body, byDefault.exchange());
        }
        ReviewResult<Judgement> approved = approve(body.amount(), body.reason(), byDefault.refund(), lockedLedger);
        if (approved instanceof ReviewResult.Done<Judgement> done && done.value() instanceof Decided decided) {
            Optional<SecondReviewerNeeded> needed = fourEyes.apply(decided.amount());
            if (needed.isPresent()) {
                return ReviewResult.done(new FirstApproved(decided.amount(), decided.reasonCode(), decided.reason(),
                        needed.get()));
            }
        }
        return approved;
    }

    /** Whether the customer asked for an exchange: its approval arranges a replacement and never moves money. */
    private boolean isExchange() {
        return request().kind() == RequestKind.EXCHANGE;
    }

    /**
     * Whether the reviewer may ask the customer for more evidence, and until when the customer may answer: only
     * from a case the reviewer holds, whose customer owns the order (nobody else can be trusted with the request),
     * under a policy that sets how long the customer has ({@code evidenceAnswerWithin}).
     */
    public ReviewResult<Instant> askForEvidence(String reviewer, Optional<Duration> answerWithin, Instant now) {
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
    private ReviewResult<Judgement> secondDecision(String reviewer, ReviewerDecision body,
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
        // the first approver's reason stands unless the second writes one (for an approval against the policy too)
        return approve(first.amount(), body.reason() != null ? body.reason() : first.reason(), first.reason(),
                lockedLedger);
    }

    /** An exchange arranges the replacement: no amount, nothing reserved, no second reviewer (no money moves). */
    private ReviewResult<Judgement> approveExchange(ReviewerDecision body, LocalizedText byDefault) {
        if (body.amount() != null) {
            return ReviewResult.refused(new InvalidField("amount", "must be absent: the customer asked for an"
                    + " exchange, and approving an exchange arranges the replacement and pays nothing; to refund"
                    + " money, the customer asks for a refund"));
        }
        Optional<Conflict> unknownOwner = unknownOwner();
        if (unknownOwner.isPresent()) {
            return ReviewResult.refused(unknownOwner.get());
        }
        return ReviewResult.done(Decided.exchange(body.reason() != null ? body.reason() : byDefault));
    }

    /**
     * A refund's approval. Where the policy proposed nothing ({@code refund: NONE}, or no rule decided), money is
     * paid against the policy: only the amount the reviewer wrote, with the reviewer's own reason, and marked as
     * such ({@link #REVIEW_APPROVED_AGAINST_POLICY}).
     *
     * @param written   the reviewer's reason, if any
     * @param byDefault the reason of an approval of the policy's proposal without one
     */
    private ReviewResult<Judgement> approve(Money requested, LocalizedText written, LocalizedText byDefault,
            Function<BillingOrder, LedgerView> lockedLedger) {
        boolean againstPolicy = decision.refundAmount() == null;
        if (againstPolicy && requested == null) {
            return ReviewResult.refused(new InvalidField("amount", "is required: rule " + decision.ruleId()
                    + " proposes no refund for this case (refund: NONE), so an approval pays only an amount you"
                    + " write, with your reason; or reject the case"));
        }
        if (againstPolicy && written == null) {
            return ReviewResult.refused(new InvalidField("reason", "is required (en and zh) when paying money the"
                    + " policy does not propose: rule " + decision.ruleId() + " says refund: NONE"));
        }
        Optional<Conflict> unknownOwner = unknownOwner();
        if (unknownOwner.isPresent()) {
            return ReviewResult.refused(unknownOwner.get());
        }
        // Another refund of the order may have been approved since the case opened: cap again, under the
        // order's ledger lock, which the caller's transaction keeps until the reservation is committed.
        LedgerView money = lockedLedger.apply(order.get());
        ReviewResult<Money> amount = approvedAmount(requested, decision.refundAmount(), money);
        if (amount instanceof ReviewResult.Refused<Money> refused) {
            return ReviewResult.refused(refused.refusal());
        }
        return ReviewResult.done(Decided.refund(((ReviewResult.Done<Money>) amount).value(),
                againstPolicy ? REVIEW_APPROVED_AGAINST_POLICY : REVIEW_APPROVED,
                written != null ? written : byDefault));
    }

    /** Why nothing may be approved: the order is unknown, or not owned by the customer who asked. */
    private Optional<Conflict> unknownOwner() {
        if (order.isEmpty()) {
            return Optional.of(new Conflict("order-unknown", "Order unknown",
                    "billing order " + review.orderId() + " is still unknown, so there is nothing known to"
                            + " refund; reject the case or wait for the order"));
        }
        if (!ownerAsked()) {
            return Optional.of(new Conflict("customer-mismatch", "Customer does not own the order",
                    "request customer " + request().customerId() + " does not own order "
                            + review.orderId() + "; such a request can only be rejected"));
        }
        return Optional.empty();
    }

    private ReviewResult<Judgement> reject(ReviewerDecision body) {
        if (body.amount() != null) {
            return ReviewResult.refused(new InvalidField("amount", "must be absent when rejecting"));
        }
        if (body.reason() == null) {
            return ReviewResult.refused(new InvalidField("reason", "is required when rejecting (en and zh)"));
        }
        return ReviewResult.done(Decided.rejection(REVIEW_REJECTED, body.reason()));
    }

    /**
     * The reviewer's amount, or else the policy's proposal (what the engine computed when the case opened; the
     * caller refused an approval without either), never more than what the order's ledger has left now.
     */
    private ReviewResult<Money> approvedAmount(Money requested, Money proposed, LedgerView money) {
        Money refundable = money.refundable();
        String orderId = review.orderId();
        if (!refundable.isPositive()) {
            return ReviewResult.refused(new NothingLeftToRefund("nothing is left to refund on order " + orderId
                    + " (" + money.describe() + "); reject the case instead"));
        }
        if (requested == null) {
            return ReviewResult.done(proposed.min(refundable));
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
    public boolean ownerAsked() {
        return order.map(o -> o.customerId().equals(request().customerId())).orElse(false);
    }

    public RefundRequested request() {
        return decision.request();
    }

    public ReviewRow row() {
        return review;
    }

    public StoredDecision decision() {
        return decision;
    }

    public Optional<BillingOrder> order() {
        return order;
    }
}
