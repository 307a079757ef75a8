package io.refundflow.events;

import java.time.Instant;

/**
 * The billing system's facts about an order, published on the compacted {@link Topics#BILLING_ORDERS}
 * topic. Every fact that decides money comes from here, never from a refund request.
 *
 * @param refunded what billing has paid back on this order so far, whoever asked for it: refunds this system
 *                 approved once billing executed them, and refunds made in billing by hand
 */
public record BillingOrder(
        String orderId,
        String customerId,
        String customerEmail,
        String customerLocale,
        ProductKind productKind,
        BillingMode billingMode,
        Money paidAmount,
        Instant paidAt,
        Instant termStart,
        Instant termEnd,
        ServiceStatus serviceStatus,
        ImageUsage imageUsage,
        Money refunded) {
}
