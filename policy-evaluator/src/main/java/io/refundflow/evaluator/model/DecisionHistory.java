package io.refundflow.evaluator.model;

import java.time.Instant;
import java.util.List;

/**
 * The decisions taken so far, as a feature that only reads them sees them. Declared here, beside the decision it
 * returns, so that a reader (the what-if in {@code tryout}) needs neither the storage nor the feature that
 * decides: {@code decide} implements it over its table.
 */
public interface DecisionHistory {

    /** Decisions the policy made in [from, to), oldest first, at most {@code limit} of them. */
    List<StoredDecision> decidedByPolicy(Instant from, Instant to, int limit);
}
