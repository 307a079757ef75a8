package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.flow.Views.Amount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Refunds approved per currency (automatic and reviewed approvals), summed exactly. Not thread-safe: the flow
 * projection's lock guards it.
 */
final class ApprovedAmounts {

    private final Map<String, BigDecimal> totals = new TreeMap<>();
    private final Map<String, Long> approvals = new TreeMap<>();

    void approved(String amount, String currency) {
        try {
            totals.merge(currency, new BigDecimal(amount), BigDecimal::add);
            approvals.merge(currency, 1L, Long::sum);
        } catch (NumberFormatException e) {
            // a schema-valid event always has a decimal amount; anything else is not counted
        }
    }

    /** One row per currency, in currency order. */
    List<Amount> rows() {
        List<Amount> rows = new ArrayList<>();
        totals.forEach((currency, total) -> rows.add(
                new Amount(currency, total.toPlainString(), approvals.getOrDefault(currency, 0L))));
        return rows;
    }
}
