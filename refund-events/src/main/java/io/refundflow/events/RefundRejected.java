package io.refundflow.events;

import java.time.Instant;

/** @param remedy what the customer can do to apply again successfully; absent when nothing helps */
public record RefundRejected(
        String refundId,
        String caseNumber,
        String orderId,
        Recipient recipient,
        Instant decidedAt,
        String policyVersion,
        String ruleId,
        String reasonCode,
        LocalizedText reason,
        LocalizedText remedy) implements RefundDecision {
}
