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
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the local copy of billing.orders current (an order upserts, a tombstone deletes) and, in the same
 * transaction, decides the requests that were waiting for this order, a poll's orders as a set.
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

    /**
     * A poll's orders as a set, what {@link #handle} does to each in turn: each checked, all stored with one
     * statement (an order that came twice as its last version), and the requests that waited for any of them
     * taken with one and decided together. An inconsistent order fails the set: the platform then handles the
     * poll one order at a time, which dead-letters that one alone.
     */
    @Override
    public void handleAll(List<Delivery<BillingOrder>> deliveries) {
        List<BillingOrder> arrived = deliveries.stream().map(Delivery::payload).toList();
        arrived.forEach(BillingOrderListener::requireConsistent);
        orders.storeAll(arrived, clock.instant());
        waiting.decideWaitingForAll(arrived);
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
