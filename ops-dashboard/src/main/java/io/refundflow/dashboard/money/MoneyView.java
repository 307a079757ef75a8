package io.refundflow.dashboard.money;

import java.time.Instant;
import java.util.List;

/**
 * Where the refunded money stands, per currency, and the orders this system promised more than was paid for
 * (which must never happen).
 *
 * @param ordersOverRefunded how many orders have approved − released above paid: the alarm, must stay 0
 * @param overRefunded       some of those orders (at most {@link MoneyLedger#OVER_REFUNDED_SHOWN}), to look into
 */
public record MoneyView(Instant at, long orders, List<CurrencyMoney> currencies, long ordersOverRefunded,
        List<OverRefund> overRefunded) {

    /**
     * The orders of one currency, as exact decimal strings.
     *
     * @param paid     what billing says was paid on the orders that had a refund approved
     * @param reserved approved, but billing has not said yet what it did (approved − settled − released)
     * @param settled  approved and paid back (billing.refunds EXECUTED)
     * @param released approved, but billing could not pay it back (FAILED): refundable again
     * @param outside  paid back by billing without this system (refunds made by hand)
     */
    public record CurrencyMoney(String currency, String paid, String reserved, String settled, String released,
            String outside) {
    }

    /** One order refunded beyond what was paid. */
    public record OverRefund(String orderId, String paid, String approved, String released) {
    }
}
