package io.refundflow.evaluator.tryout;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;

/**
 * The policy's answer to a {@link DryRunBody}. {@code refundAmount} is the refund for an approval,
 * the proposed amount for a manual review, and null where nothing is refunded; {@code remedy} is
 * null where there is none. A stable JSON contract, like the body.
 */
@JsonPropertyOrder({"outcome", "refundAmount", "ruleId", "policyVersion", "reasonCode", "reason", "remedy"})
public record DryRunAnswer(
        Outcome outcome,
        Money refundAmount,
        String ruleId,
        String policyVersion,
        String reasonCode,
        LocalizedText reason,
        LocalizedText remedy) {

    /** Spelled as the decision event types are, not as the policy file's outcomes. */
    public enum Outcome {
        APPROVED, REJECTED, MANUAL_REVIEW
    }
}
