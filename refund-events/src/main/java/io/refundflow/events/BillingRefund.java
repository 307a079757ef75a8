package io.refundflow.events;

import java.time.Instant;

/**
 * The billing system's word on one refund, published on {@link Topics#BILLING_REFUNDS} keyed by order id, so
 * that every refund of one order is read in the order billing wrote it. Billing publishes one for each refund
 * this system approved (with this system's refund id) and one for each refund it made by itself, by hand or
 * through another channel (with billing's own id, which this system has never seen).
 *
 * @param refundId   this system's refund id, or billing's own id for a refund made outside this system
 * @param amount     what was paid back (EXECUTED) or was to be paid back (FAILED)
 * @param reason     why it failed, in words billing may show to the customer; absent when executed
 * @param occurredAt when billing executed it or gave up
 */
public record BillingRefund(
        String refundId,
        String orderId,
        Money amount,
        SettlementStatus status,
        String reason,
        Instant occurredAt) {
}
