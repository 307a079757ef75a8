package io.refundflow.platform.inbox;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;

/**
 * Each topic's {@link Subscription}, written once: its payload type, the refund a payload is about, and its pace. A
 * handler returns its topic's, deduplicated by the platform unless it says {@link Subscription#dedupedByHandler()}.
 *
 * <p>Gathered: billing's two feeds (an order is bought long before its refund is asked for; a settlement comes
 * seconds to days after the decision, its email after billing's word) and the notifications (the record that an email went out, read for the
 * case's timeline). Prompt: the requests and the decisions, which a refund's decision and email wait for, and which
 * intake's admission gate counts as waiting until intake has read the decision.
 */
public final class Subscriptions {

    public static final Subscription<RefundRequested> PARTNER_REQUESTS =
            Subscription.of(Topics.PARTNER_REQUESTS, RefundRequested.class, RefundRequested::refundId);

    /** refund.requests carries two payloads: a request, and evidence added to one; any other is refused. */
    public static final Subscription<Record> REQUESTS =
            Subscription.of(Topics.REQUESTS, Record.class, Subscriptions::requestRefundId);

    public static final Subscription<RefundDecision> DECISIONS =
            Subscription.of(Topics.DECISIONS, RefundDecision.class, RefundDecision::refundId);

    public static final Subscription<RefundNotified> NOTIFICATIONS =
            Subscription.of(Topics.NOTIFICATIONS, RefundNotified.class, RefundNotified::refundId).gathered();

    /** An order is about no one refund: its events name none in the MDC. */
    public static final Subscription<BillingOrder> BILLING_ORDERS =
            Subscription.of(Topics.BILLING_ORDERS, BillingOrder.class, order -> null).gathered();

    public static final Subscription<BillingRefund> BILLING_REFUNDS =
            Subscription.of(Topics.BILLING_REFUNDS, BillingRefund.class, BillingRefund::refundId).gathered();

    private Subscriptions() {
    }

    private static String requestRefundId(Record payload) {
        if (payload instanceof RefundRequested request) {
            return request.refundId();
        }
        if (payload instanceof EvidenceAdded added) {
            return added.refundId();
        }
        throw new InvalidEventException("payload: a " + payload.getClass().getSimpleName()
                + " is neither a refund request nor evidence added");
    }
}
