package io.refundflow.evaluator.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.decide.DecisionBasis;
import io.refundflow.evaluator.decide.DecisionOutcome;
import io.refundflow.evaluator.decide.StoredDecision;
import io.refundflow.evaluator.ledger.LedgerView;
import io.refundflow.evaluator.review.ManualReview.Decided;
import io.refundflow.evaluator.review.ManualReview.DefaultReasons;
import io.refundflow.evaluator.review.ManualReview.Judgement;
import io.refundflow.evaluator.review.ManualReview.SecondReviewerNeeded;
import io.refundflow.evaluator.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.review.ReviewResult.Conflict;
import io.refundflow.evaluator.review.ReviewResult.InvalidField;
import io.refundflow.evaluator.review.ReviewResult.NothingLeftToRefund;
import io.refundflow.evaluator.review.ReviewViews.DecisionBody;
import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The approval rules of one manual-review case, without a database: what a reviewer's decision comes to. */
class ManualReviewDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final LocalizedText DEFAULT_APPROVAL = new LocalizedText("Approved.", "已批准。");
    private static final DefaultReasons BY_DEFAULT = new DefaultReasons(DEFAULT_APPROVAL,
            new LocalizedText("Exchange approved.", "同意换货。"));
    private static final LocalizedText WHY = new LocalizedText("Not eligible.", "不符合条件。");
    private static final Function<Money, Optional<SecondReviewerNeeded>> NO_FOUR_EYES = amount -> Optional.empty();

    private final AtomicBoolean ledgerLocked = new AtomicBoolean();

    @Test
    void anApprovalWithoutAmountRefundsTheProposalCappedAtWhatIsLeft() {
        // given: the policy proposed 80.00, the order has 50.00 left
        ManualReview review = claimedBy("alice", order("cust-1"), "80.00");

        // when
        ReviewResult<Judgement> result = review.decide("alice", new DecisionBody(true, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.done(
                Decided.refund(Money.of("50.00", "EUR"), ManualReview.REVIEW_APPROVED, DEFAULT_APPROVAL)));
        assertThat(ledgerLocked).isTrue();
    }

    @Test
    void aRejectionNeedsAReasonAndLeavesTheLedgerAlone() {
        // given
        ManualReview review = claimedBy("alice", order("cust-1"), "80.00");

        // when
        ReviewResult<Judgement> withoutReason = review.decide("alice", new DecisionBody(false, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> withReason = review.decide("alice", new DecisionBody(false, null, WHY),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(withoutReason).isEqualTo(ReviewResult.refused(
                new InvalidField("reason", "is required when rejecting (en and zh)")));
        assertThat(withReason).isEqualTo(ReviewResult.done(
                Decided.rejection(ManualReview.REVIEW_REJECTED, WHY)));
        assertThat(ledgerLocked).isFalse();
    }

    @Test
    void aCaseClaimedByAnotherReviewerIsRefusedBeforeAnyRuleIsApplied() {
        // given
        ManualReview review = claimedBy("bob", order("cust-1"), "80.00");

        // when
        ReviewResult<Judgement> result = review.decide("alice", new DecisionBody(true, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new Conflict("not-claimed-by-you", "Claim the case first",
                "case rf-1 must be claimed by you before you decide it; it is claimed by bob")));
        assertThat(ledgerLocked).isFalse();
    }

    @Test
    void anApprovalForACustomerWhoDoesNotOwnTheOrderIsRefused() {
        // given: the order belongs to someone else
        ManualReview review = claimedBy("alice", order("cust-2"), "80.00");

        // when
        ReviewResult<Judgement> result = review.decide("alice", new DecisionBody(true, null, null),
                ledgerWithRefundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(((ReviewResult.Refused<Judgement>) result).refusal()).isInstanceOf(Conflict.class)
                .extracting(refusal -> ((Conflict) refusal).type()).isEqualTo("customer-mismatch");
    }

    @Test
    void anApprovalOnAnOrderWithNothingLeftOrAboveWhatIsLeftIsOverTheCap() {
        // given
        ManualReview review = claimedBy("alice", order("cust-1"), "80.00");

        // when
        ReviewResult<Judgement> nothingLeft = review.decide("alice", new DecisionBody(true, null, null),
                ledgerWithRefundable("0.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> aboveLeft = review.decide("alice",
                new DecisionBody(true, Money.of("60.00", "EUR"), null), ledgerWithRefundable("50.00"),
                BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(((ReviewResult.Refused<Judgement>) nothingLeft).refusal()).isInstanceOf(NothingLeftToRefund.class);
        assertThat(((ReviewResult.Refused<Judgement>) aboveLeft).refusal()).isInstanceOf(AboveRefundable.class);
    }

    private Function<BillingOrder, LedgerView> ledgerWithRefundable(String refundable) {
        return order -> {
            ledgerLocked.set(true);
            Money paid = Money.of("100.00", "EUR");
            return LedgerView.of(paid, null, paid.minus(Money.of(refundable, "EUR")), Money.zero("EUR"));
        };
    }

    private static BillingOrder order(String customerId) {
        return new BillingOrder("ord-1", customerId, "c@example.com", "en", ProductKind.SAAS,
                BillingMode.SUBSCRIPTION, Money.of("100.00", "EUR"), NOW, NOW, NOW.plusSeconds(86_400),
                ServiceStatus.IN_PROGRESS, null, null);
    }

    private static ManualReview claimedBy(String reviewer, BillingOrder order, String proposed) {
        ReviewRow row = new ReviewRow("rf-1", "ord-1", Ground.UNSATISFIED, ProductKind.SAAS, ReviewStatus.CLAIMED,
                NOW, reviewer, NOW, null, null, null, null, null, null, null, null, null);
        RefundRequested request = new RefundRequested("rf-1", "C-1", "ord-1", "cust-1", Ground.UNSATISFIED,
                RequestKind.REFUND, "slow", "en", List.of(), NOW);
        StoredDecision decision = new StoredDecision("rf-1", "ord-1", DecisionOutcome.MANUAL_REVIEW,
                DecisionBasis.POLICY, "v1", "rule-1", "MANUAL", null, Money.of(proposed, "EUR"), null, List.of(),
                request, order, null, false, null, NOW, "evt-1");
        return new ManualReview(row, decision, Optional.of(order));
    }
}
