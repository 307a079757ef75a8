package io.refundflow.evaluator.decide;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceAdded;

/**
 * Where the files a customer added when asked for more evidence go: they arrive with the requests, on the topic
 * this feature consumes, and belong to a review. Owned here and implemented by the review feature, like
 * {@link ReviewQueue}, so that review depends on decide and never the other way round.
 */
public interface EvidenceInbox {

    /** Called once per event (the caller dedupes on its id), in the transaction that consumes it. */
    void added(EventEnvelope<?> event, EvidenceAdded added);
}
