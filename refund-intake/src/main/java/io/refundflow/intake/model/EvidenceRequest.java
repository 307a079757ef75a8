package io.refundflow.intake.model;

import java.time.Instant;

/**
 * What a reviewer asked the customer to add to a request, kept on the case while it awaits the evidence.
 *
 * @param message  what is missing, in the reviewer's words, as written
 * @param answerBy until when the customer may add files; without them the request is then rejected
 */
public record EvidenceRequest(String message, Instant answerBy) {
}
