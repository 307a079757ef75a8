package io.refundflow.intake.model;

/** Whether a case takes files from the customer now, as the case itself decides from its status. */
public sealed interface EvidenceCheck {

    /** A reviewer asked for evidence: the files go to the case's current refund. */
    record Allowed(String refundId) implements EvidenceCheck {
    }

    /** Nobody waits for evidence on the case; {@code reason} names its status. */
    record Refused(String reason) implements EvidenceCheck {
    }
}
