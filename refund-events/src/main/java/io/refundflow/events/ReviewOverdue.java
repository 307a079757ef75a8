package io.refundflow.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A manual review passed its due time (the policy's {@code reviewDueWithin}) undecided: told once to the ops
 * mailbox, never to the customer, so that someone takes it.
 *
 * @param header    its {@code recipient} is the ops mailbox, its {@code decidedAt} when the review was found overdue
 * @param openedAt  when the review opened
 * @param dueAt     when it was due
 * @param status    where the review is (OPEN, CLAIMED, AWAITING_SECOND_APPROVAL)
 * @param claimedBy the reviewer holding it; absent when nobody does
 */
public record ReviewOverdue(
        @JsonUnwrapped DecisionHeader header,
        Instant openedAt,
        Instant dueAt,
        String status,
        String claimedBy) implements RefundDecision {
}
