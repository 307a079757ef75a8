package io.refundflow.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A person's decision on a manual review.
 *
 * @param approved     whether the reviewer approved the refund
 * @param refundAmount the approved amount; absent when rejected
 * @param reviewer      who decided (for a case that needed four eyes, the second reviewer)
 * @param firstApprover who approved first, when the approval was above the policy's four-eyes threshold; absent
 *                      otherwise
 * @param exchange      an approved exchange: the replacement is arranged and no money moves ({@code refundAmount}
 *                      is absent, nothing is reserved or paid); {@code false} for every refund and rejection
 */
public record RefundReviewed(
        @JsonUnwrapped DecisionHeader header,
        boolean approved,
        Money refundAmount,
        String reviewer,
        String firstApprover,
        boolean exchange) implements RefundDecision {

    /** Reason code of an approved exchange. */
    public static final String EXCHANGE_APPROVED = "EXCHANGE_APPROVED";

    /** Whether this decision moves money: an approved refund with an amount. */
    public boolean paysMoney() {
        return approved && !exchange && refundAmount != null;
    }
}
