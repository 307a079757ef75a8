package io.refundflow.evaluator.model;

import io.refundflow.evaluator.policy.OrderFacts;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.RefundRequested;
import java.time.Instant;
import java.util.List;

/**
 * One row of the {@code decision} table: the outcome with the policy version, rule and reason, and the
 * request and billing facts it was decided from, so that it can be explained and replayed.
 *
 * @param refundAmount the refund (approved) or the proposal (manual review); null where nothing is refunded
 * @param order        the billing facts used; null when the order was unknown
 * @param alreadyRefunded what the policy counted as already refunded or reserved on the order (from the refund
 *                     ledger); null when the order was unknown, or for a decision made before the ledger
 * @param eventId      the CloudEvents id of the published decision
 */
public record StoredDecision(
        String refundId,
        String orderId,
        DecisionOutcome outcome,
        DecisionBasis basis,
        String policyVersion,
        String ruleId,
        String reasonCode,
        LocalizedText reason,
        Money refundAmount,
        LocalizedText remedy,
        List<String> trace,
        RefundRequested request,
        BillingOrder order,
        Money alreadyRefunded,
        boolean flagged,
        String flagReason,
        Instant decidedAt,
        String eventId) {

    public StoredDecision {
        trace = List.copyOf(trace);
    }

    /** The order facts the policy decided on; null when the order was unknown. */
    public OrderFacts orderFacts() {
        if (order == null) {
            return null;
        }
        return alreadyRefunded == null ? OrderFacts.from(order) : OrderFacts.from(order, alreadyRefunded);
    }

    public StoredDecision withEventId(String eventId) {
        return new StoredDecision(refundId, orderId, outcome, basis, policyVersion, ruleId, reasonCode, reason,
                refundAmount, remedy, trace, request, order, alreadyRefunded, flagged, flagReason, decidedAt, eventId);
    }
}
