package io.refundflow.evaluator.model.review;

import static io.refundflow.evaluator.model.review.CaseInMemory.NOW;
import static io.refundflow.evaluator.model.review.CaseInMemory.claimedByAlice;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may ask the customer for more evidence, and until when the customer may answer. */
class EvidenceAskTest {

    private static final Optional<Duration> A_WEEK = Optional.of(Duration.ofDays(7));

    @Test
    void theReviewerHoldingTheCaseAsksTheOwnerWhoHasTheTimeThePolicySets() {
        // when
        ReviewResult<Instant> result = claimedByAlice().review().askForEvidence("alice", A_WEEK, NOW);

        // then
        assertThat(result).isEqualTo(ReviewResult.done(NOW.plus(Duration.ofDays(7))));
    }

    @Test
    void aPolicyWithoutAnAnswerTimeTurnsEvidenceRequestsOff() {
        // when
        ReviewResult<Instant> result = claimedByAlice().review().askForEvidence("alice", Optional.empty(), NOW);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new Conflict("evidence-requests-off",
                "Evidence requests are off",
                "the policy sets no evidenceAnswerWithin, so a customer cannot be asked for more evidence")));
    }

    @Test
    void aCustomerWhoDoesNotOwnTheOrderIsNotAsked() {
        // when
        ReviewResult<Instant> result = claimedByAlice().orderOwnedBy("cust-2").review()
                .askForEvidence("alice", A_WEEK, NOW);

        // then
        assertThat(result).isEqualTo(ReviewResult.refused(new Conflict(ManualReview.NOBODY_TO_ASK, "Nobody to ask",
                "the customer who asked (cust-1) is not the owner billing holds for order ord-1, or the order is"
                        + " unknown: there is no trusted address to ask; decide the case instead")));
    }

    @Test
    void onlyTheReviewerHoldingAnUndecidedCaseMayAsk() {
        // when
        ReviewResult<Instant> byAnother = claimedByAlice().review().askForEvidence("bob", A_WEEK, NOW);
        ReviewResult<Instant> afterFirstApproval = claimedByAlice().firstApprovedBy("alice", "60.00", null)
                .review().askForEvidence("bob", A_WEEK, NOW);
        ReviewResult<Instant> twice = claimedByAlice().awaitingEvidenceAskedBy("alice").review()
                .askForEvidence("alice", A_WEEK, NOW);
        ReviewResult<Instant> decided = claimedByAlice().status(ReviewStatus.DECIDED).review()
                .askForEvidence("alice", A_WEEK, NOW);

        // then
        assertThat(byAnother).isEqualTo(ReviewResult.refused(new Conflict("not-claimed-by-you",
                "Claim the case first", "case rf-1 must be claimed by you before you ask for evidence")));
        assertThat(afterFirstApproval).isEqualTo(ReviewResult.refused(new Conflict("awaiting-second-approval",
                "Approved once already", "case rf-1 was approved by alice; a second reviewer approves or rejects it")));
        assertThat(twice).isInstanceOfSatisfying(ReviewResult.Refused.class, refused -> assertThat(
                ((Conflict) refused.refusal()).type()).isEqualTo(ReviewConflicts.AWAITING_EVIDENCE));
        assertThat(decided).isInstanceOfSatisfying(ReviewResult.Refused.class, refused -> assertThat(
                ((Conflict) refused.refusal()).type()).isEqualTo("already-decided"));
    }
}
