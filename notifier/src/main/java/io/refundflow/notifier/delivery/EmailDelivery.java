package io.refundflow.notifier.delivery;

import java.time.Instant;

/**
 * One recorded email, as the sender takes it: what to send, to whom, and how often it was tried.
 *
 * @param decisionHeaders the decision's CloudEvents headers as JSON, kept to dead-letter the decision
 * @param decisionPayload the decision's JSON payload, kept to dead-letter the decision
 */
public record EmailDelivery(
        String decisionEventId,
        long seq,
        String refundId,
        String decisionType,
        String recipient,
        String locale,
        String subject,
        String bodyText,
        String bodyHtml,
        String messageId,
        String decisionHeaders,
        String decisionPayload,
        int attempts,
        Instant createdAt) {
}
