package io.refundflow.evaluator.policy;

import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;

/**
 * The policy's answer to one refund request. Every verdict names the policy version and the rule
 * that decided it, so that the decision can be explained and replayed later.
 */
public sealed interface Verdict permits Approve, Reject, SendToReview {

    String policyVersion();

    String ruleId();

    String reasonCode();

    LocalizedText reason();

    /** What is refunded (for a manual review: what is proposed); {@code null} where nothing is. */
    Money refundAmount();

    /** What the customer can do to succeed on a new application; {@code null} where nothing helps. */
    default LocalizedText remedy() {
        return null;
    }
}
