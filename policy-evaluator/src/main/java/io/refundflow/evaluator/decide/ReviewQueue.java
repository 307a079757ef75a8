package io.refundflow.evaluator.decide;

import java.util.List;

/**
 * Where a decision that needs a person puts its case. Owned here and implemented by the review feature, so
 * that review depends on decide (it reads the decision behind each case) and never the other way round.
 */
public interface ReviewQueue {

    /** Puts cases in the queue, in one statement; called in the transaction that stores their decisions. */
    void openAll(List<ReviewOpening> cases);

    /**
     * Asks the customer at once for the evidence the decision's reason names (the policy rule's
     * {@code askForEvidence}), so that the case waits for the files before a reviewer looks; called right after
     * {@link #openAll}, in the same transaction.
     */
    void askForEvidenceAtOnce(String refundId);
}
