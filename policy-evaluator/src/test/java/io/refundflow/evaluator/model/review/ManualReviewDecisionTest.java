package io.refundflow.evaluator.model.review;

import static io.refundflow.evaluator.model.review.CaseInMemory.BY_DEFAULT;
import static io.refundflow.evaluator.model.review.CaseInMemory.DEFAULT_APPROVAL;
import static io.refundflow.evaluator.model.review.CaseInMemory.NO_FOUR_EYES;
import static io.refundflow.evaluator.model.review.CaseInMemory.claimedByAlice;
import static io.refundflow.evaluator.model.review.CaseInMemory.eur;
import static io.refundflow.evaluator.model.review.CaseInMemory.refundable;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.model.LedgerView;
import io.refundflow.evaluator.model.review.ManualReview.Decided;
import io.refundflow.evaluator.model.review.ManualReview.FirstApproved;
import io.refundflow.evaluator.model.review.ManualReview.Judgement;
import io.refundflow.evaluator.model.review.ManualReview.SecondReviewerNeeded;
import io.refundflow.evaluator.model.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import io.refundflow.evaluator.model.review.ReviewResult.InvalidField;
import io.refundflow.evaluator.model.review.ReviewResult.NothingLeftToRefund;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The approval rules of one manual-review case, without a database: what a reviewer's decision comes to. */
class ManualReviewDecisionTest {

    private static final LocalizedText WHY = new LocalizedText("Not eligible.", "不符合条件。");
    private static final LocalizedText GOODWILL = new LocalizedText("Goodwill.", "商誉补偿。");

    private final AtomicBoolean ledgerLocked = new AtomicBoolean();

    @Test
    void anApprovalWithoutAmountRefundsTheProposalCappedAtWhatIsLeft() {
        // given: the policy proposed 80.00, the order has 50.00 left
        ManualReview review = claimedByAlice().review();

        // when
        ReviewResult<Judgement> result = review.decide("alice", new ReviewerDecision(true, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.done(
                new Decided(true, eur("50.00"), ManualReview.REVIEW_APPROVED, DEFAULT_APPROVAL, false)));
        assertThat(ledgerLocked).isTrue();
    }

    @Test
    void anApprovalOfAWrittenAmountUpToWhatIsLeftPaysThatAmountWithTheReviewersReason() {
        // given: 50.00 left
        ManualReview review = claimedByAlice().review();

        // when alice approves exactly what is left
        ReviewResult<Judgement> result = review.decide("alice", new ReviewerDecision(true, eur("50"), GOODWILL),
                refundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.done(
                new Decided(true, eur("50.00"), ManualReview.REVIEW_APPROVED, GOODWILL, false)));
    }

    @Test
    void aRejectionNeedsAReasonAndLeavesTheLedgerAlone() {
        // given
        ManualReview review = claimedByAlice().review();

        // when
        ReviewResult<Judgement> withoutReason = review.decide("alice", new ReviewerDecision(false, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> withAmount = review.decide("alice", new ReviewerDecision(false, eur("1.00"), WHY),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> withReason = review.decide("alice", new ReviewerDecision(false, null, WHY),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(withoutReason).isEqualTo(ReviewResult.refused(
                new InvalidField("reason", "is required when rejecting (en and zh)")));
        assertThat(withAmount).isEqualTo(ReviewResult.refused(
                new InvalidField("amount", "must be absent when rejecting")));
        assertThat(withReason).isEqualTo(ReviewResult.done(
                new Decided(false, null, ManualReview.REVIEW_REJECTED, WHY, false)));
        assertThat(ledgerLocked).isFalse();
    }

    @Test
    void aCaseClaimedByAnotherReviewerIsRefusedBeforeAnyRuleIsApplied() {
        // given
        ManualReview review = claimedByAlice().claimedBy("bob").review();

        // when
        ReviewResult<Judgement> result = review.decide("alice", new ReviewerDecision(true, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new Conflict("not-claimed-by-you", "Claim the case first",
                "case rf-1 must be claimed by you before you decide it; it is claimed by bob")));
        assertThat(ledgerLocked).isFalse();
    }

    @Test
    void anOpenCaseMustBeClaimedBeforeItIsDecided() {
        // given
        ManualReview review = claimedByAlice().status(ReviewStatus.OPEN).claimedBy(null).review();

        // when
        ReviewResult<Judgement> result = review.decide("alice", new ReviewerDecision(false, null, WHY),
                refundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new Conflict("not-claimed-by-you", "Claim the case first",
                "case rf-1 must be claimed by you before you decide it")));
    }

    @Test
    void aDecidedCaseOrOneWaitingForEvidenceIsNotDecidedAgain() {
        // given
        ManualReview decided = claimedByAlice().status(ReviewStatus.DECIDED).review();
        ManualReview waiting = claimedByAlice().awaitingEvidenceAskedBy("alice").review();

        // when
        ReviewResult<Judgement> again = decided.decide("alice", new ReviewerDecision(false, null, WHY),
                refundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> early = waiting.decide("alice", new ReviewerDecision(false, null, WHY),
                refundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(again).isEqualTo(ReviewResult.refused(new Conflict("already-decided", "Already decided",
                "case rf-1 was decided by carol at 2026-11-29T12:00:00Z")));
        assertThat(early).isEqualTo(ReviewResult.refused(new Conflict("awaiting-evidence",
                "Waiting for the customer's evidence", "case rf-1 waits for the evidence alice asked for until"
                        + " 2026-12-06T11:00:00Z; it returns to the queue when the customer adds files")));
    }

    @Test
    void anApprovalForACustomerWhoDoesNotOwnTheOrderIsRefused() {
        // given: the order belongs to someone else
        ManualReview review = claimedByAlice().orderOwnedBy("cust-2").review();

        // when
        ReviewResult<Judgement> result = review.decide("alice", new ReviewerDecision(true, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new Conflict("customer-mismatch",
                "Customer does not own the order",
                "request customer cust-1 does not own order ord-1; such a request can only be rejected")));
        assertThat(ledgerLocked).isFalse();
    }

    @Test
    void anApprovalOnAnOrderBillingDoesNotKnowIsRefused() {
        // given
        ManualReview review = claimedByAlice().orderUnknown().review();

        // when
        ReviewResult<Judgement> result = review.decide("alice", new ReviewerDecision(true, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new Conflict("order-unknown", "Order unknown",
                "billing order ord-1 is still unknown, so there is nothing known to refund; reject the case or wait"
                        + " for the order")));
        assertThat(ledgerLocked).isFalse();
    }

    @Test
    void anApprovalOnAnOrderWithNothingLeftOrAboveWhatIsLeftIsOverTheCap() {
        // given
        ManualReview review = claimedByAlice().review();

        // when
        ReviewResult<Judgement> nothingLeft = review.decide("alice", new ReviewerDecision(true, null, null),
                ledgerWithRefundable("0.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> aboveLeft = review.decide("alice", new ReviewerDecision(true, eur("50.01"), null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(nothingLeft).isEqualTo(ReviewResult.refused(new NothingLeftToRefund("nothing is left to refund"
                + " on order ord-1 (paid 100.00 EUR, settled 100.00 EUR, reserved 0.00 EUR, refunded outside"
                + " 0.00 EUR: refundable 0.00 EUR); reject the case instead")));
        assertThat(aboveLeft).isEqualTo(ReviewResult.refused(new AboveRefundable("50.01 EUR exceeds what is"
                + " refundable on order ord-1: 50.00 EUR (paid 100.00 EUR, settled 50.00 EUR, reserved 0.00 EUR,"
                + " refunded outside 0.00 EUR: refundable 50.00 EUR)")));
    }

    @Test
    void aWrittenAmountMustBeAPositiveAmountInTheOrdersCurrencyAndItsMinorUnits() {
        // given
        ManualReview review = claimedByAlice().review();

        // when
        ReviewResult<Judgement> inDollars = decideAmount(review, Money.of("10.00", "USD"));
        ReviewResult<Judgement> tenthsOfACent = decideAmount(review, eur("10.001"));
        ReviewResult<Judgement> zero = decideAmount(review, eur("0.00"));
        ReviewResult<Judgement> cents = decideAmount(review, eur("10.01"));

        // then
        assertThat(inDollars).isEqualTo(ReviewResult.refused(new InvalidField("amount.currency",
                "must be EUR, the currency the order was paid in, not USD")));
        assertThat(tenthsOfACent).isEqualTo(ReviewResult.refused(new InvalidField("amount.amount",
                "has more decimals than EUR allows (2)")));
        assertThat(zero).isEqualTo(ReviewResult.refused(new InvalidField("amount.amount",
                "must be greater than zero")));
        assertThat(cents).isEqualTo(ReviewResult.done(
                new Decided(true, eur("10.01"), ManualReview.REVIEW_APPROVED, DEFAULT_APPROVAL, false)));
    }

    @Test
    void payingWhereThePolicyProposesNothingNeedsAWrittenAmountAndReasonAndIsMarkedAgainstPolicy() {
        // given: the rule says refund: NONE
        ManualReview review = claimedByAlice().policyProposesNothing().review();

        // when
        ReviewResult<Judgement> noAmount = review.decide("alice", new ReviewerDecision(true, null, GOODWILL),
                refundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> noReason = review.decide("alice", new ReviewerDecision(true, eur("20.00"), null),
                refundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> both = review.decide("alice", new ReviewerDecision(true, eur("20.00"), GOODWILL),
                refundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(noAmount).isEqualTo(ReviewResult.refused(new InvalidField("amount", "is required: rule rule-1"
                + " proposes no refund for this case (refund: NONE), so an approval pays only an amount you write,"
                + " with your reason; or reject the case")));
        assertThat(noReason).isEqualTo(ReviewResult.refused(new InvalidField("reason", "is required (en and zh)"
                + " when paying money the policy does not propose: rule rule-1 says refund: NONE")));
        assertThat(both).isEqualTo(ReviewResult.done(new Decided(true, eur("20.00"),
                ManualReview.REVIEW_APPROVED_AGAINST_POLICY, GOODWILL, false)));
    }

    @Test
    void anApprovalAboveTheFourEyesThresholdWaitsForASecondReviewer() {
        // given: approvals above 30.00 need a second reviewer
        ManualReview review = claimedByAlice().review();
        SecondReviewerNeeded why = new SecondReviewerNeeded(eur("30.00"), eur("0.00"));
        Function<Money, Optional<SecondReviewerNeeded>> aboveThirty = amount ->
                amount.isGreaterThan(eur("30.00")) ? Optional.of(why) : Optional.empty();

        // when
        ReviewResult<Judgement> large = review.decide("alice", new ReviewerDecision(true, eur("40.00"), null),
                refundable("50.00"), BY_DEFAULT, aboveThirty);
        ReviewResult<Judgement> small = review.decide("alice", new ReviewerDecision(true, eur("30.00"), null),
                refundable("50.00"), BY_DEFAULT, aboveThirty);

        // then
        assertThat(large).isEqualTo(ReviewResult.done(
                new FirstApproved(eur("40.00"), ManualReview.REVIEW_APPROVED, DEFAULT_APPROVAL, why)));
        assertThat(small).isEqualTo(ReviewResult.done(
                new Decided(true, eur("30.00"), ManualReview.REVIEW_APPROVED, DEFAULT_APPROVAL, false)));
    }

    private static ReviewResult<Judgement> decideAmount(ManualReview review, Money amount) {
        return review.decide("alice", new ReviewerDecision(true, amount, null), refundable("50.00"), BY_DEFAULT,
                NO_FOUR_EYES);
    }

    private Function<BillingOrder, LedgerView> ledgerWithRefundable(String amount) {
        Function<BillingOrder, LedgerView> ledger = refundable(amount);
        return order -> {
            ledgerLocked.set(true);
            return ledger.apply(order);
        };
    }
}
