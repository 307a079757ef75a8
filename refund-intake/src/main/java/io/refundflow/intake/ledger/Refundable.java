package io.refundflow.intake.ledger;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.intake.ledger.OrderRefunds.OrderRefund;
import java.util.List;

/**
 * What is left to refund on an order, as far as intake can tell: paid − max(billing's refunded, executed
 * settlements) − approved refunds billing has neither executed nor failed, never below zero. The larger of
 * billing's figure and the executed settlements is taken because both count the same executed refunds (the
 * settlement event and the order update arrive separately), never their sum.
 *
 * @param inFlight the refunds that use up the paid amount: approved and not settled, or executed
 */
public record Refundable(Money paid, Money left, List<OrderRefund> inFlight) {

    public static Refundable of(BillingOrder order, List<OrderRefund> refunds) {
        Money paid = order.paidAmount().normalized();
        String currency = paid.currency();
        Money executed = Money.zero(currency);
        Money reserved = Money.zero(currency);
        for (OrderRefund refund : refunds) {
            if (refund.settlement() == SettlementStatus.EXECUTED && inCurrency(refund.settled(), currency)) {
                executed = executed.plus(refund.settled());
            } else if (refund.settlement() == null && inCurrency(refund.approved(), currency)) {
                reserved = reserved.plus(refund.approved());
            }
        }
        Money refunded = inCurrency(order.refunded(), currency) ? order.refunded() : Money.zero(currency);
        Money settled = refunded.isGreaterThan(executed) ? refunded : executed;
        Money left = paid.minus(settled).minus(reserved).atLeastZero().normalized();
        List<OrderRefund> inFlight = refunds.stream()
                .filter(r -> r.settlement() == SettlementStatus.EXECUTED
                        || (r.settlement() == null && r.approved() != null))
                .toList();
        return new Refundable(paid, left, inFlight);
    }

    public boolean isExhausted() {
        return !left.isPositive();
    }

    private static boolean inCurrency(Money money, String currency) {
        return money != null && money.currency().equals(currency);
    }
}
