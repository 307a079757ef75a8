package io.refundflow.notifier.model;

import java.time.Instant;

/**
 * An email the server may or may not have delivered, as ops see it.
 *
 * @param decisionEventId the event the email is for; names it in the resend request
 * @param messageId       the stable Message-ID a resend carries again, so a receiver can drop a duplicate
 * @param lastError       what happened after the message was sent
 */
public record UnconfirmedEmail(String decisionEventId, String refundId, String caseNumber, String decisionType,
        String recipient, String subject, String messageId, int attempts, Instant createdAt, Instant lastAttemptAt,
        String lastError) {
}
