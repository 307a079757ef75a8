package io.refundflow.evaluator.model;

/** What a decision rests on; only {@link #POLICY} decisions can be replayed through another policy. */
public enum DecisionBasis {
    /** The policy engine decided from the billing facts. */
    POLICY,
    /** The request came from a customer who does not own the order: rejected and flagged. */
    CUSTOMER_MISMATCH,
    /** The billing order did not arrive in time: a person decides. */
    ORDER_UNKNOWN
}
