package io.refundflow.events;

import java.time.Instant;

public record RefundApproved(
        String refundId,
        String caseNumber,
        String orderId,
        Recipient recipient,
        Instant decidedAt,
        String policyVersion,
        String ruleId,
        String reasonCode,
        LocalizedText reason,
        Money refundAmount) implements RefundDecision {
}
