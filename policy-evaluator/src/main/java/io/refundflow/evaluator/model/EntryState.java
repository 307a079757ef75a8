package io.refundflow.evaluator.model;

/** Where the money of one ledger entry is. */
public enum EntryState {
    /** Approved here, not moved yet: counted against the order until billing reports it. */
    RESERVED,
    /** Billing paid it back. */
    SETTLED,
    /** Billing failed or cancelled it: nothing moved, the amount is refundable again. */
    RELEASED
}
