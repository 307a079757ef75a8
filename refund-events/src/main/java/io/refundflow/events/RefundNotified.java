package io.refundflow.events;

import java.time.Instant;

/**
 * What the notify step did about one decision, published on {@link Topics#NOTIFICATIONS} keyed by
 * refund id.
 *
 * @param decisionEventId the CloudEvents id of the decision this notification answers
 * @param detail          why sending failed; absent when sent
 */
public record RefundNotified(
        String refundId,
        String decisionEventId,
        String decisionType,
        NotificationStatus status,
        String channel,
        Instant occurredAt,
        String detail) {
}
