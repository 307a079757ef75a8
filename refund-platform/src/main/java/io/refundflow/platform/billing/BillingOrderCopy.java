package io.refundflow.platform.billing;

import io.refundflow.events.BillingOrder;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import java.util.List;

/**
 * Keeps a service's copy of billing.orders ({@link BillingOrders}) current: an order upserts, a tombstone deletes,
 * a redelivery changes nothing. For a service that needs nothing else from those records; it imports this class
 * beside {@link BillingOrders}. A service that acts on an order's arrival (the evaluator decides the requests that
 * waited for it) has a handler of its own storing into {@link BillingOrders}.
 */
public class BillingOrderCopy implements EventHandler<BillingOrder> {

    private final BillingOrders orders;
    private final Clock clock;

    public BillingOrderCopy(BillingOrders orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    @Override
    public Subscription<BillingOrder> subscription() {
        return Subscriptions.BILLING_ORDERS;
    }

    @Override
    public void handle(Delivery<BillingOrder> order) {
        orders.store(order.payload(), clock.instant());
    }

    /** A poll's orders upserted with one statement, an order that came twice as its last version. */
    @Override
    public void handleAll(List<Delivery<BillingOrder>> orders) {
        this.orders.storeAll(orders.stream().map(Delivery::payload).toList(), clock.instant());
    }

    @Override
    public void tombstone(String orderId) {
        orders.remove(orderId);
    }
}
