package io.refundflow.evaluator.model;

/** Who made a refund that the ledger counts. */
public enum EntryOrigin {
    /** This system approved it (the policy or a reviewer). */
    SYSTEM,
    /** Billing made it without this system (by hand, or through another channel). */
    BILLING
}
