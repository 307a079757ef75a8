package io.refundflow.notifier.decisions;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who owns the orders of a poll's decisions, as the billing copy ({@code billing_order}, kept by the platform's
 * {@code BillingOrders}) holds them: one statement for the whole poll, and only the three columns that address an
 * email, where {@code BillingOrders.find} reads a whole order per decision.
 */
@Component
class OrderOwners {

    private final JdbcTemplate jdbc;

    OrderOwners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The owner of the order, the customer billing holds for it. */
    record Owner(String orderId, String customerId, String customerEmail, String customerLocale) {
    }

    /** The owners of those of these orders the billing copy holds, by order id; an order it does not hold is absent. */
    Map<String, Owner> of(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.query("""
                select order_id, customer_id, customer_email, customer_locale
                  from billing_order where order_id = any(?)""",
                (rs, i) -> new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                (Object) orderIds.stream().distinct().toArray(String[]::new))
                .stream().collect(Collectors.toMap(Owner::orderId, Function.identity()));
    }
}
