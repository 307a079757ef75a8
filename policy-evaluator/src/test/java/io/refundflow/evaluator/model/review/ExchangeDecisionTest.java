package io.refundflow.evaluator.model.review;

import static io.refundflow.evaluator.model.review.CaseInMemory.BY_DEFAULT;
import static io.refundflow.evaluator.model.review.CaseInMemory.DEFAULT_EXCHANGE;
import static io.refundflow.evaluator.model.review.CaseInMemory.claimedByAlice;
import static io.refundflow.evaluator.model.review.CaseInMemory.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.model.LedgerView;
import io.refundflow.evaluator.model.review.ManualReview.Decided;
import io.refundflow.evaluator.model.review.ManualReview.Judgement;
import io.refundflow.evaluator.model.review.ManualReview.SecondReviewerNeeded;
import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import io.refundflow.evaluator.model.review.ReviewResult.InvalidField;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.RefundReviewed;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Approving an exchange arranges the replacement: no money, no ledger, no second reviewer. */
class ExchangeDecisionTest {

    private static final LocalizedText SWAPPED = new LocalizedText("A new licence is on its way.", "新许可证已发出。");
    private static final Function<BillingOrder, LedgerView> NO_LEDGER = order -> {
        throw new AssertionError("an exchange read the ledger");
    };
    private static final Function<Money, Optional<SecondReviewerNeeded>> NO_FOUR_EYES_ASKED = amount -> {
        throw new AssertionError("an exchange asked for four eyes");
    };

    @Test
    void anApprovedExchangePaysNothingAndTouchesNoMoney() {
        // given
        ManualReview review = claimedByAlice().exchange().review();

        // when
        ReviewResult<Judgement> byDefault = review.decide("alice", new ReviewerDecision(true, null, null), NO_LEDGER,
                BY_DEFAULT, NO_FOUR_EYES_ASKED);
        ReviewResult<Judgement> withReason = review.decide("alice", new ReviewerDecision(true, null, SWAPPED), NO_LEDGER,
                BY_DEFAULT, NO_FOUR_EYES_ASKED);

        // then
        assertThat(byDefault).isEqualTo(ReviewResult.done(
                new Decided(true, null, RefundReviewed.EXCHANGE_APPROVED, DEFAULT_EXCHANGE, true)));
        assertThat(withReason).isEqualTo(ReviewResult.done(
                new Decided(true, null, RefundReviewed.EXCHANGE_APPROVED, SWAPPED, true)));
    }

    @Test
    void anExchangeApprovedWithAnAmountIsRefused() {
        // given
        ManualReview review = claimedByAlice().exchange().review();

        // when
        ReviewResult<Judgement> result = review.decide("alice", new ReviewerDecision(true, eur("10.00"), null),
                NO_LEDGER, BY_DEFAULT, NO_FOUR_EYES_ASKED);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new InvalidField("amount", "must be absent: the customer"
                + " asked for an exchange, and approving an exchange arranges the replacement and pays nothing; to"
                + " refund money, the customer asks for a refund")));
    }

    @Test
    void anExchangeForSomeoneWhoDoesNotOwnTheOrderIsRefused() {
        // given
        ManualReview review = claimedByAlice().exchange().orderOwnedBy("cust-2").review();

        // when
        ReviewResult<Judgement> result = review.decide("alice", new ReviewerDecision(true, null, null), NO_LEDGER,
                BY_DEFAULT, NO_FOUR_EYES_ASKED);

        // then
        assertThat(result).isInstanceOfSatisfying(ReviewResult.Refused.class, refused -> assertThat(
                ((Conflict) refused.refusal()).type()).isEqualTo("customer-mismatch"));
    }
}
