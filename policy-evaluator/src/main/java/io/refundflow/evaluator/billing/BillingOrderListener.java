package io.refundflow.evaluator.billing;

import io.refundflow.evaluator.policy.OrderFacts;
import io.refundflow.evaluator.requests.WaitingRequests;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.InvalidEventException;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Keeps the local copy of billing.orders current (an order upserts, a tombstone deletes) and, in the same
 * transaction, decides the requests that were waiting for this order.
 */
@Component
class BillingOrderListener implements EventHandler<BillingOrder> {

    private final BillingOrders orders;
    private final WaitingRequests waiting;
    private final Clock clock;

    BillingOrderListener(BillingOrders orders, WaitingRequests waiting, Clock clock) {
        this.orders = orders;
        this.waiting = waiting;
        this.clock = clock;
    }

    @Override
    public Subscription<BillingOrder> subscription() {
        return Subscriptions.BILLING_ORDERS;
    }

    @Override
    public void handle(Delivery<BillingOrder> delivery) {
        BillingOrder order = delivery.payload();
        requireConsistent(order);
        orders.store(order, clock.instant());
        waiting.decideWaitingFor(order);
    }

    @Override
    public void tombstone(String orderId) {
        orders.remove(orderId);
    }

    /** Facts the schema cannot check (a term ending before it starts, refunds in another currency). */
    private static void requireConsistent(BillingOrder order) {
        try {
            OrderFacts.from(order);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("payload: inconsistent billing facts: " + e.getMessage(), e);
        }
    }
}
