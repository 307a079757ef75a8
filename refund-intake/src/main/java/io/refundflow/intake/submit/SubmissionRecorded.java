package io.refundflow.intake.submit;

/**
 * A submission with a refund id its sender chose (a partner's request) was written (published inside its
 * transaction): events about the refund that arrived before it can now be applied, once it commits. A refund id
 * drawn by this service is known to nobody before its submission commits, so none is published for it.
 */
public record SubmissionRecorded(String refundId) {
}
