package io.refundflow.evaluator.model.review;

import java.time.Instant;

/**
 * A reviewer asked the customer for more evidence: the case waits (AWAITING_EVIDENCE) until the customer adds
 * files or {@code answerBy} passes (then it is rejected with reason EVIDENCE_NOT_PROVIDED). Kept on the case
 * after it resumed.
 */
public record EvidenceRequest(String requestedBy, Instant requestedAt, String message, Instant answerBy) {
}
