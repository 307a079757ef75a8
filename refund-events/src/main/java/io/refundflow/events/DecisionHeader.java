package io.refundflow.events;

import java.time.Instant;

/**
 * What every {@link RefundDecision} says about itself, whatever its outcome: which refund, which case and order,
 * whom to tell, when, and which rule of which policy version decided it, with the reason. On the wire these nine
 * fields stay flat at the top of each decision's JSON (the events carry the header {@code @JsonUnwrapped}); the
 * schema {@code decision-header.schema.json} defines them once for all six.
 *
 * @param caseNumber the human-readable case number, absent when the request came without one
 * @param recipient  who is told: the customer, or the ops mailbox for {@link ReviewOverdue}
 * @param decidedAt  when the outcome was reached
 * @param ruleId     the policy rule (or review step) that decided
 * @param reasonCode the machine-readable reason, e.g. {@code GUARANTEE_FULL_REFUND}
 * @param reason     the reason in every language the customer may read
 */
public record DecisionHeader(
        String refundId,
        String caseNumber,
        String orderId,
        Recipient recipient,
        Instant decidedAt,
        String policyVersion,
        String ruleId,
        String reasonCode,
        LocalizedText reason) {
}
