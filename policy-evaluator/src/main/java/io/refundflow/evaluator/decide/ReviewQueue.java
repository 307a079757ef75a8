package io.refundflow.evaluator.decide;

import io.refundflow.events.Ground;
import io.refundflow.events.ProductKind;
import java.time.Instant;

/**
 * Where a decision that needs a person puts its case. Owned here and implemented by the review feature, so
 * that review depends on decide (it reads the decision behind each case) and never the other way round.
 */
public interface ReviewQueue {

    /** Puts a case in the queue; called in the transaction that stores its MANUAL_REVIEW decision. */
    void open(String refundId, String orderId, Ground ground, ProductKind productKind, Instant openedAt);

    /**
     * Asks the customer at once for the evidence the decision's reason names (the policy rule's
     * {@code askForEvidence}), so that the case waits for the files before a reviewer looks; called right after
     * {@link #open}, in the same transaction.
     */
    void askForEvidenceAtOnce(String refundId);
}
