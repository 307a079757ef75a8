package io.refundflow.evaluator.policy;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.ServiceStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The billing system's facts about the order that the policy decides on. They come from
 * {@code billing.orders}, never from the customer's request.
 *
 * @param serviceStatus only meaningful for {@link ProductKind#SERVICE}; may be null
 * @param imageUsage    only meaningful for {@link ProductKind#IMAGE}; may be null
 * @param alreadyRefunded what earlier refunds on this order paid back or have reserved (approved, not yet paid
 *                        back); never null (zero if none)
 */
public record OrderFacts(
        String orderId,
        String customerId,
        ProductKind productKind,
        BillingMode billingMode,
        Money paidAmount,
        Instant paidAt,
        Instant termStart,
        Instant termEnd,
        ServiceStatus serviceStatus,
        ImageUsage imageUsage,
        Money alreadyRefunded) {

    public OrderFacts {
        Objects.requireNonNull(productKind, "productKind");
        Objects.requireNonNull(billingMode, "billingMode");
        Objects.requireNonNull(paidAmount, "paidAmount");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(termStart, "termStart");
        Objects.requireNonNull(termEnd, "termEnd");
        if (termEnd.isBefore(termStart)) {
            throw new IllegalArgumentException("termEnd " + termEnd + " is before termStart " + termStart);
        }
        if (paidAmount.amount().signum() < 0) {
            throw new IllegalArgumentException("paidAmount must not be negative: " + paidAmount);
        }
        alreadyRefunded = alreadyRefunded == null ? Money.zero(paidAmount.currency()) : alreadyRefunded;
        if (!alreadyRefunded.currency().equals(paidAmount.currency())) {
            throw new IllegalArgumentException("alreadyRefunded is in " + alreadyRefunded.currency()
                    + " but the order was paid in " + paidAmount.currency());
        }
    }

    /** The order with billing's own {@code refunded} figure as what was already refunded. */
    public static OrderFacts from(BillingOrder order) {
        return from(order, order.refunded());
    }

    /** The order with what was already refunded or reserved as another source (the refund ledger) counts it. */
    public static OrderFacts from(BillingOrder order, Money alreadyRefunded) {
        return new OrderFacts(order.orderId(), order.customerId(), order.productKind(), order.billingMode(),
                order.paidAmount(), order.paidAt(), order.termStart(), order.termEnd(), order.serviceStatus(),
                order.imageUsage(), alreadyRefunded);
    }

    /** What can still be refunded: paid minus earlier refunds and reservations, never below zero. */
    public Money refundable() {
        return paidAmount.minus(alreadyRefunded).atLeastZero();
    }
}
