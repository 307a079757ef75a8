package io.refundflow.events;

import java.time.Instant;

/**
 * A reviewer asked the customer for more evidence before deciding a manual review: the refund waits for the
 * customer, who adds files to the same case; without an answer by {@code answerBy} it is rejected with reason
 * {@code EVIDENCE_NOT_PROVIDED}.
 *
 * @param decidedAt   when the evidence was asked for
 * @param reason      the system's wording of the request ({@code EVIDENCE_REQUESTED})
 * @param message     what is missing, in the reviewer's words, as written
 * @param answerBy    until when the customer may add files
 * @param requestedBy the reviewer who asked
 */
public record EvidenceRequested(
        String refundId,
        String caseNumber,
        String orderId,
        Recipient recipient,
        Instant decidedAt,
        String policyVersion,
        String ruleId,
        String reasonCode,
        LocalizedText reason,
        String message,
        Instant answerBy,
        String requestedBy) implements RefundDecision {
}
