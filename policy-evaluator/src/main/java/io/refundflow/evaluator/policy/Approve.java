package io.refundflow.evaluator.policy;

import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import java.util.Objects;

/** The refund is granted automatically. */
public record Approve(String policyVersion, String ruleId, String reasonCode, LocalizedText reason, Money refundAmount)
        implements Verdict {

    public Approve {
        Objects.requireNonNull(refundAmount, "an approval always refunds something");
    }
}
