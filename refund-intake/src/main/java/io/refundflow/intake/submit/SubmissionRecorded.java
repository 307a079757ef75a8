package io.refundflow.intake.submit;

/**
 * A submission with this refund id was written (published inside its transaction): events about the refund
 * that arrived before it can now be applied, once it commits.
 */
public record SubmissionRecorded(String refundId) {
}
