package io.refundflow.platform.billing;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.ServiceStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A service's local copy of the billing system's orders (compacted topic billing.orders): who owns an order,
 * what was paid, when, and what was already refunded — the only source of facts that decide money. A service
 * that keeps a copy imports this class and adds {@code classpath:db/billing} to its Flyway locations.
 */
public class BillingOrders {

    private static final Logger log = LoggerFactory.getLogger(BillingOrders.class);

    private final JdbcTemplate jdbc;

    public BillingOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a first delivery of an order of billing.orders inside the caller's transaction (its handler's: the
     * platform has deduplicated the event): the order, upserted.
     */
    public void store(BillingOrder order, Instant now) {
        upsert(order, now);
        log.debug("billing order {} of customer {} stored", order.orderId(), order.customerId());
    }

    /** A tombstone of billing.orders: billing has forgotten the order, and so does the copy. */
    public void remove(String orderId) {
        delete(orderId);
        log.info("billing order {} removed (tombstone)", orderId);
    }

    public Optional<BillingOrder> find(String orderId) {
        return jdbc.query("select * from billing_order where order_id = ?", BillingOrders::map, orderId)
                .stream().findFirst();
    }

    /** The orders among these ids that the copy holds, by order id: one statement, however many ids. */
    public Map<String, BillingOrder> findAll(Collection<String> orderIds) {
        Map<String, BillingOrder> found = new HashMap<>();
        jdbc.query("select * from billing_order where order_id = any(?)", (RowCallbackHandler) rs -> {
            BillingOrder order = map(rs, found.size());
            found.put(order.orderId(), order);
        }, (Object) orderIds.stream().distinct().toArray(String[]::new));
        return found;
    }

    /** A customer's orders, newest payment first, at most {@code limit}: one statement, however many orders. */
    public List<BillingOrder> ofCustomer(String customerId, int limit) {
        return jdbc.query("""
                select * from billing_order where customer_id = ? order by paid_at desc, order_id limit ?""",
                BillingOrders::map, customerId, limit);
    }

    private void upsert(BillingOrder order, Instant now) {
        jdbc.update("""
                insert into billing_order (order_id, customer_id, customer_email, customer_locale, product_kind,
                    billing_mode, paid_amount, paid_currency, paid_at, term_start, term_end, service_status,
                    image_usage, refunded_amount, refunded_currency, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (order_id) do update set customer_id = excluded.customer_id,
                    customer_email = excluded.customer_email, customer_locale = excluded.customer_locale,
                    product_kind = excluded.product_kind, billing_mode = excluded.billing_mode,
                    paid_amount = excluded.paid_amount, paid_currency = excluded.paid_currency,
                    paid_at = excluded.paid_at, term_start = excluded.term_start, term_end = excluded.term_end,
                    service_status = excluded.service_status, image_usage = excluded.image_usage,
                    refunded_amount = excluded.refunded_amount, refunded_currency = excluded.refunded_currency,
                    updated_at = excluded.updated_at""",
                order.orderId(), order.customerId(), order.customerEmail(), order.customerLocale(),
                order.productKind().name(), order.billingMode().name(), order.paidAmount().amount(),
                order.paidAmount().currency(), ts(order.paidAt()), ts(order.termStart()), ts(order.termEnd()),
                order.serviceStatus() == null ? null : order.serviceStatus().name(),
                order.imageUsage() == null ? null : order.imageUsage().name(),
                order.refunded() == null ? null : order.refunded().amount(),
                order.refunded() == null ? null : order.refunded().currency(), ts(now));
    }

    private void delete(String orderId) {
        jdbc.update("delete from billing_order where order_id = ?", orderId);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static BillingOrder map(ResultSet rs, int row) throws SQLException {
        String serviceStatus = rs.getString("service_status");
        String imageUsage = rs.getString("image_usage");
        String refundedCurrency = rs.getString("refunded_currency");
        return new BillingOrder(rs.getString("order_id"), rs.getString("customer_id"),
                rs.getString("customer_email"), rs.getString("customer_locale"),
                ProductKind.valueOf(rs.getString("product_kind")), BillingMode.valueOf(rs.getString("billing_mode")),
                new Money(rs.getBigDecimal("paid_amount"), rs.getString("paid_currency")).normalized(),
                rs.getTimestamp("paid_at").toInstant(), rs.getTimestamp("term_start").toInstant(),
                rs.getTimestamp("term_end").toInstant(),
                serviceStatus == null ? null : ServiceStatus.valueOf(serviceStatus),
                imageUsage == null ? null : ImageUsage.valueOf(imageUsage),
                refundedCurrency == null ? null
                        : new Money(rs.getBigDecimal("refunded_amount"), refundedCurrency).normalized());
    }
}
