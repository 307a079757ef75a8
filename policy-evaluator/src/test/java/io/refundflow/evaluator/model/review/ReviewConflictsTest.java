package io.refundflow.evaluator.model.review;

import static io.refundflow.evaluator.model.review.CaseInMemory.claimedByAlice;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may claim a case: the refusals a case gives from its state alone. */
class ReviewConflictsTest {

    @Test
    void aCaseHeldByAnotherReviewerIsNotClaimed() {
        // when
        Optional<Conflict> refused = ReviewConflicts.claimRefused(claimedByAlice().review().row(), "bob");

        // then
        assertThat(refused).contains(new Conflict("claimed-by-another-reviewer", "Claimed by another reviewer",
                "case rf-1 is claimed by alice"));
    }

    @Test
    void aCaseWaitingForItsSecondApprovalNeedsNoClaimExceptFromItsFirstApprover() {
        // given
        ReviewRow approvedByAlice = claimedByAlice().firstApprovedBy("alice", "60.00", null).review().row();

        // when
        Optional<Conflict> forBob = ReviewConflicts.claimRefused(approvedByAlice, "bob");
        Optional<Conflict> forAlice = ReviewConflicts.claimRefused(approvedByAlice, "alice");

        // then
        assertThat(forBob).isEmpty();
        assertThat(forAlice).map(Conflict::type).contains(ReviewConflicts.SECOND_REVIEWER_REQUIRED);
    }

    @Test
    void aDecidedCaseOrOneWaitingForEvidenceIsNotClaimed() {
        // when
        Optional<Conflict> decided = ReviewConflicts.claimRefused(
                claimedByAlice().status(ReviewStatus.DECIDED).review().row(), "bob");
        Optional<Conflict> waiting = ReviewConflicts.claimRefused(
                claimedByAlice().awaitingEvidenceAskedBy("alice").review().row(), "bob");

        // then
        assertThat(decided).map(Conflict::type).contains("already-decided");
        assertThat(waiting).map(Conflict::type).contains(ReviewConflicts.AWAITING_EVIDENCE);
    }

    @Test
    void aClaimLostMeanwhileNamesTheCase() {
        assertThat(ReviewConflicts.claimLost("rf-9")).isEqualTo(new Conflict("not-claimed-by-you", "Claim lost",
                "case rf-9 was decided or claimed by someone else meanwhile"));
    }
}
