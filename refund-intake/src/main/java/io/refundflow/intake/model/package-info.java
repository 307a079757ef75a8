/**
 * Intake's model: the refund case ({@link io.refundflow.intake.model.RefundCase}) and what it allows
 * ({@link io.refundflow.intake.model.SubmissionCheck}, {@link io.refundflow.intake.model.EvidenceCheck}), with its
 * values. Plain Java: no Spring, JDBC or Kafka (the architecture test keeps it so); {@code cases}, {@code submit},
 * {@code evidence} and {@code progress} store it, listen and answer HTTP around it.
 */
package io.refundflow.intake.model;
