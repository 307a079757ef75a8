package io.refundflow.events;

/** What the billing system did with one refund. */
public enum SettlementStatus {
    /** The money was paid back to the customer. */
    EXECUTED,
    /** Billing could not pay it back (or cancelled it): nothing moved, and the amount is refundable again. */
    FAILED
}
