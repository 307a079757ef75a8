package io.refundflow.evaluator.model;

import io.refundflow.events.Money;

/**
 * The money of one order, all in the currency it was paid in.
 *
 * <p>Billing's {@code refunded} figure and the SETTLED entries both count money billing paid back, partly the
 * same refunds: the larger of the two is taken, so one refund is never counted twice in the customer's favour
 * (it may be counted twice against it for a moment, while the two sources disagree). Hence
 * {@code refundable = paid − reserved − max(billing's refunded, settled)}, never below zero.
 *
 * @param settled    paid back according to the settlements billing reported, whoever made the refund
 * @param reserved   approved here, not yet reported by billing
 * @param outside    what billing's {@code refunded} figure counts beyond the reported settlements: refunds billing
 *                   made that no settlement has named (yet)
 * @param refundable what a new approval may still refund
 */
public record LedgerView(Money paid, Money settled, Money reserved, Money outside, Money refundable) {

    /**
     * @param billingRefunded billing's {@code refunded} figure of the order; null counts as zero
     */
    public static LedgerView of(Money paid, Money billingRefunded, Money settled, Money reserved) {
        Money refunded = billingRefunded == null ? Money.zero(paid.currency()) : billingRefunded;
        Money outside = refunded.minus(settled).atLeastZero();
        Money refundable = paid.minus(reserved).minus(settled).minus(outside).atLeastZero();
        return new LedgerView(paid.normalized(), settled.normalized(), reserved.normalized(), outside.normalized(),
                refundable.normalized());
    }

    /**
     * The figures once {@code amount} more is reserved: what a later decision on the order in the same
     * transaction must see, before the reservation is written.
     */
    public LedgerView reserving(Money amount) {
        return of(paid, settled.plus(outside), settled, reserved.plus(amount));
    }

    /** What the policy counts as already refunded or reserved: everything paid that is not refundable. */
    public Money alreadyRefunded() {
        return paid.minus(refundable);
    }

    /** One line for logs and the rule trace. */
    public String describe() {
        return "paid " + paid + ", settled " + settled + ", reserved " + reserved + ", refunded outside "
                + outside + ": refundable " + refundable;
    }
}
