package io.refundflow.evaluator.model.review;

import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import java.util.Optional;

/**
 * The conflicts a manual-review case answers from its state alone (decided, held by someone else, waiting for a
 * second reviewer or for the customer's evidence), worded once for the claim, the decision and the evidence
 * request.
 */
public final class ReviewConflicts {

    public static final String SECOND_REVIEWER_REQUIRED = "second-reviewer-required";
    public static final String AWAITING_EVIDENCE = "awaiting-evidence";

    private ReviewConflicts() {
    }

    /**
     * Why the reviewer could not claim the case (decided already, held by another reviewer, or approved by this
     * reviewer and waiting for a second one), or nothing: a case waiting for its second approval needs no claim,
     * any other reviewer may decide it.
     */
    public static Optional<Conflict> claimRefused(ReviewRow review, String reviewer) {
        return switch (review.status()) {
            case DECIDED -> Optional.of(alreadyDecided(review));
            case AWAITING_SECOND_APPROVAL -> reviewer.equals(review.firstApproval().reviewer())
                    ? Optional.of(secondReviewerRequired(review))
                    : Optional.empty();
            case AWAITING_EVIDENCE -> Optional.of(awaitingEvidence(review));
            case OPEN, CLAIMED -> Optional.of(new Conflict("claimed-by-another-reviewer", "Claimed by another reviewer",
                    "case " + review.refundId() + " is claimed by " + review.claimedBy()));
        };
    }

    public static Conflict secondReviewerRequired(ReviewRow review) {
        FirstApproval first = review.firstApproval();
        return new Conflict(SECOND_REVIEWER_REQUIRED, "A second reviewer is required",
                "case " + review.refundId() + " was approved for " + first.amount() + " by " + first.reviewer()
                        + ", above the policy's four-eyes threshold (fourEyesAbove): a reviewer other than "
                        + first.reviewer() + " must approve or reject it");
    }

    /** The conditional update found the case decided or taken by someone else since it was read. */
    public static Conflict claimLost(String refundId) {
        return new Conflict("not-claimed-by-you", "Claim lost",
                "case " + refundId + " was decided or claimed by someone else meanwhile");
    }

    public static Conflict awaitingEvidence(ReviewRow review) {
        EvidenceRequest request = review.evidenceRequest();
        return new Conflict(AWAITING_EVIDENCE, "Waiting for the customer's evidence", "case " + review.refundId()
                + " waits for the evidence " + request.requestedBy() + " asked for until " + request.answerBy()
                + "; it returns to the queue when the customer adds files");
    }

    public static Conflict alreadyDecided(ReviewRow review) {
        return new Conflict("already-decided", "Already decided",
                "case " + review.refundId() + " was decided by " + review.decidedBy() + " at " + review.decidedAt());
    }
}
