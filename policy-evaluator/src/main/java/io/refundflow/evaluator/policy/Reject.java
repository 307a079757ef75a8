package io.refundflow.evaluator.policy;

import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;

/** The refund is refused; {@code remedy} says how the customer can succeed next time, if they can. */
public record Reject(String policyVersion, String ruleId, String reasonCode, LocalizedText reason, LocalizedText remedy)
        implements Verdict {

    @Override
    public Money refundAmount() {
        return null;
    }
}
