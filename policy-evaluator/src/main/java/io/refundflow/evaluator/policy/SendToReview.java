package io.refundflow.evaluator.policy;

import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;

/**
 * The policy sends the request to a person, who decides (the review aggregate is
 * {@code review.ManualReview}). {@code proposedAmount} is what the policy would refund if the reviewer
 * accepts the claim; {@code null} where the policy proposes nothing (e.g. an exchange).
 * {@code askForEvidence}: the rule's reason says what evidence is missing, and the customer is asked for it at
 * once, before a reviewer looks (the rule's {@code askForEvidence: true}).
 */
public record SendToReview(String policyVersion, String ruleId, String reasonCode, LocalizedText reason,
        Money proposedAmount, boolean askForEvidence) implements Verdict {

    @Override
    public Money refundAmount() {
        return proposedAmount;
    }
}
