package io.refundflow.events;

import java.time.Instant;

/**
 * A manual review passed its due time (the policy's {@code reviewDueWithin}) undecided: told once to the ops
 * mailbox, never to the customer, so that someone takes it.
 *
 * @param recipient the ops mailbox
 * @param decidedAt when the review was found overdue
 * @param openedAt  when the review opened
 * @param dueAt     when it was due
 * @param status    where the review is (OPEN, CLAIMED, AWAITING_SECOND_APPROVAL)
 * @param claimedBy the reviewer holding it; absent when nobody does
 */
public record ReviewOverdue(
        String refundId,
        String caseNumber,
        String orderId,
        Recipient recipient,
        Instant decidedAt,
        String policyVersion,
        String ruleId,
        String reasonCode,
        LocalizedText reason,
        Instant openedAt,
        Instant dueAt,
        String status,
        String claimedBy) implements RefundDecision {
}
