package io.refundflow.notifier.model;

import java.time.Instant;

/**
 * One recorded email, as the sender takes it: what to send, to whom, and how often it was tried.
 *
 * @param decisionHeaders the event's CloudEvents headers as JSON, kept to dead-letter the event
 * @param decisionPayload the event's JSON payload, kept to dead-letter the event
 * @param sourceTopic     the topic the event came from: it is dead-lettered to that topic's DLT
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
        String sourceTopic,
        int attempts,
        Instant createdAt) {
}
