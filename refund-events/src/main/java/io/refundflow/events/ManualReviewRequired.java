package io.refundflow.events;

import java.time.Instant;

/** @param proposedAmount what the policy would refund if the reviewer approves; absent when unknown */
public record ManualReviewRequired(
        String refundId,
        String caseNumber,
        String orderId,
        Recipient recipient,
        Instant decidedAt,
        String policyVersion,
        String ruleId,
        String reasonCode,
        LocalizedText reason,
        Money proposedAmount) implements RefundDecision {
}
