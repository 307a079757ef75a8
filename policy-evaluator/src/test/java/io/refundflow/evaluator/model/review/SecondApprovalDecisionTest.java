package io.refundflow.evaluator.model.review;

import static io.refundflow.evaluator.model.review.CaseInMemory.BY_DEFAULT;
import static io.refundflow.evaluator.model.review.CaseInMemory.NO_FOUR_EYES;
import static io.refundflow.evaluator.model.review.CaseInMemory.claimedByAlice;
import static io.refundflow.evaluator.model.review.CaseInMemory.eur;
import static io.refundflow.evaluator.model.review.CaseInMemory.refundable;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.model.review.ManualReview.Decided;
import io.refundflow.evaluator.model.review.ManualReview.Judgement;
import io.refundflow.evaluator.model.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import io.refundflow.evaluator.model.review.ReviewResult.InvalidField;
import io.refundflow.events.LocalizedText;
import org.junit.jupiter.api.Test;

/** Four eyes: a case alice approved above the threshold is decided by someone else, for alice's amount. */
class SecondApprovalDecisionTest {

    private static final LocalizedText ALICES_REASON = new LocalizedText("Faulty disk.", "磁盘故障。");
    private static final LocalizedText BOBS_REASON = new LocalizedText("Confirmed.", "已确认。");

    private final ManualReview approvedByAlice = claimedByAlice().firstApprovedBy("alice", "60.00", ALICES_REASON)
            .review();

    @Test
    void theFirstApproverCannotGiveTheSecondApproval() {
        // when
        ReviewResult<Judgement> result = approvedByAlice.decide("alice", new ReviewerDecision(true, null, null),
                refundable("100.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new Conflict(ReviewConflicts.SECOND_REVIEWER_REQUIRED,
                "A second reviewer is required", "case rf-1 was approved for 60.00 EUR by alice, above the"
                        + " policy's four-eyes threshold (fourEyesAbove): a reviewer other than alice must approve"
                        + " or reject it")));
    }

    @Test
    void aSecondApprovalPaysTheFirstApproversAmountWithTheirReasonUnlessItGivesOne() {
        // when
        ReviewResult<Judgement> confirmed = approvedByAlice.decide("bob", new ReviewerDecision(true, null, null),
                refundable("100.00"), BY_DEFAULT, NO_FOUR_EYES);
        ReviewResult<Judgement> withOwnReason = approvedByAlice.decide("bob",
                new ReviewerDecision(true, eur("60"), BOBS_REASON), refundable("100.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(confirmed).isEqualTo(ReviewResult.done(
                new Decided(true, eur("60.00"), ManualReview.REVIEW_APPROVED, ALICES_REASON, false)));
        assertThat(withOwnReason).isEqualTo(ReviewResult.done(
                new Decided(true, eur("60.00"), ManualReview.REVIEW_APPROVED, BOBS_REASON, false)));
    }

    @Test
    void aSecondApprovalOfAnotherAmountIsRefused() {
        // when
        ReviewResult<Judgement> result = approvedByAlice.decide("bob", new ReviewerDecision(true, eur("59.99"), null),
                refundable("100.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new InvalidField("amount", "must be 60.00 EUR, the"
                + " amount alice approved, or left out: a second approval confirms that amount (reject the case to"
                + " refuse it)")));
    }

    @Test
    void aSecondApprovalIsCappedAgainAtWhatTheOrderHasLeftNow() {
        // when only 50.00 is left since alice approved 60.00
        ReviewResult<Judgement> result = approvedByAlice.decide("bob", new ReviewerDecision(true, null, null),
                refundable("50.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isInstanceOfSatisfying(ReviewResult.Refused.class,
                refused -> assertThat(refused.refusal()).isInstanceOf(AboveRefundable.class));
    }

    @Test
    void theSecondReviewerMayRejectWithAReason() {
        // when
        ReviewResult<Judgement> result = approvedByAlice.decide("bob", new ReviewerDecision(false, null, BOBS_REASON),
                refundable("100.00"), BY_DEFAULT, NO_FOUR_EYES);

        // then
        assertThat(result).isEqualTo(ReviewResult.done(
                new Decided(false, null, ManualReview.REVIEW_REJECTED, BOBS_REASON, false)));
    }
}
