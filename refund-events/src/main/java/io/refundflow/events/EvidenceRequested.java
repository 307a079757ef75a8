package io.refundflow.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A reviewer asked the customer for more evidence before deciding a manual review: the refund waits for the
 * customer, who adds files to the same case; without an answer by {@code answerBy} it is rejected with reason
 * {@code EVIDENCE_NOT_PROVIDED}.
 *
 * @param header      its {@code decidedAt} is when the evidence was asked for, its {@code reason} the system's wording
 *                    of the request ({@code EVIDENCE_REQUESTED})
 * @param message     what is missing, in the reviewer's words, as written
 * @param answerBy    until when the customer may add files
 * @param requestedBy the reviewer who asked
 */
public record EvidenceRequested(
        @JsonUnwrapped DecisionHeader header,
        String message,
        Instant answerBy,
        String requestedBy) implements RefundDecision {
}
