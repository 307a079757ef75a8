package io.refundflow.evaluator.policy;

import io.refundflow.events.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides refund requests by the rules of one {@link Policy}: the first rule whose conditions hold
 * fires. Whatever a rule's formula says, the refund is capped at what is still refundable on the
 * order, and a refund that comes to nothing becomes the policy's nothing-left-to-refund rejection.
 * Stateless and thread-safe.
 */
public final class PolicyEngine {

    private final Policy policy;

    public PolicyEngine(Policy policy) {
        this.policy = policy;
    }

    /** An engine for the policy that ships with the service. */
    public static PolicyEngine bundled() {
        return new PolicyEngine(PolicyLoader.loadBundled());
    }

    public String version() {
        return policy.version();
    }

    public Policy policy() {
        return policy;
    }

    public Verdict evaluate(OrderFacts order, RequestFacts request) {
        return explain(order, request).verdict();
    }

    /** The verdict with one trace line per rule checked, ending with the rule that fired. */
    public Evaluation explain(OrderFacts order, RequestFacts request) {
        List<String> trace = new ArrayList<>();
        for (Rule rule : policy.rules()) {
            String mismatch = rule.when().mismatch(order, request, () -> cappedRefund(rule, order, request));
            if (mismatch != null) {
                trace.add(rule.id() + ": not matched (" + mismatch + ")");
                continue;
            }
            Money refund = cappedRefund(rule, order, request);
            if (rule.refund() != RefundFormula.NONE && !refund.isPositive()) {
                Rule cap = policy.nothingLeftToRefund();
                trace.add(rule.id() + ": matched, but its " + rule.refund() + " refund comes to " + refund
                        + " (paid " + order.paidAmount() + ", already refunded or reserved " + order.alreadyRefunded()
                        + ")");
                trace.add(cap.id() + ": fired " + cap.outcome());
                return new Evaluation(verdict(cap, null), trace);
            }
            trace.add(rule.id() + ": fired " + rule.outcome() + (refund == null ? "" : " " + refund));
            return new Evaluation(verdict(rule, refund), trace);
        }
        // The loader refuses a policy whose last rule has conditions, so this is a bug, not bad input.
        throw new IllegalStateException("policy " + policy.version() + " has no catch-all rule");
    }

    private static Money cappedRefund(Rule rule, OrderFacts order, RequestFacts request) {
        Money amount = rule.refund().amount(order, request);
        return amount == null ? null : amount.min(order.refundable()).atLeastZero();
    }

    private Verdict verdict(Rule rule, Money refund) {
        String version = policy.version();
        Outcome outcome = rule.outcome();
        if (outcome == Outcome.APPROVE) {
            return new Approve(version, rule.id(), rule.reasonCode(), rule.reason(), refund);
        }
        if (outcome == Outcome.REJECT) {
            return new Reject(version, rule.id(), rule.reasonCode(), rule.reason(), rule.remedy());
        }
        return new SendToReview(version, rule.id(), rule.reasonCode(), rule.reason(), refund, rule.askForEvidence());
    }
}
