package io.refundflow.events;

import java.time.Instant;

/**
 * A person's decision on a manual review.
 *
 * @param approved     whether the reviewer approved the refund
 * @param refundAmount the approved amount; absent when rejected
 * @param reviewer      who decided (for a case that needed four eyes, the second reviewer)
 * @param firstApprover who approved first, when the approval was above the policy's four-eyes threshold; absent
 *                      otherwise
 */
public record RefundReviewed(
        String refundId,
        String caseNumber,
        String orderId,
        Recipient recipient,
        Instant decidedAt,
        String policyVersion,
        String ruleId,
        String reasonCode,
        LocalizedText reason,
        boolean approved,
        Money refundAmount,
        String reviewer,
        String firstApprover) implements RefundDecision {
}
