package io.refundflow.platform.billing;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.ServiceStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
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

    /** The columns of billing_order, each with its type, in the order of {@link #row}. */
    private static final Map<String, String> COLUMNS = columns("order_id text", "customer_id text",
            "customer_email text", "customer_locale text", "product_kind text", "billing_mode text",
            "paid_amount numeric", "paid_currency text", "paid_at timestamptz", "term_start timestamptz",
            "term_end timestamptz", "service_status text", "image_usage text", "refunded_amount numeric",
            "refunded_currency text", "updated_at timestamptz");

    /** An order that is there already is replaced by the newer version, all of it. */
    private static final String ON_CONFLICT = "on conflict (order_id) do update set "
            + COLUMNS.keySet().stream().filter(column -> !column.equals("order_id"))
                    .map(column -> column + " = excluded." + column).collect(Collectors.joining(", "));

    /** One order's upsert, its parameters as {@link #parameters} gives them. */
    static final String UPSERT = "insert into billing_order (" + String.join(", ", COLUMNS.keySet())
            + ") values (" + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ") " + ON_CONFLICT;

    /** The same for many orders, one text array per column; at most one row per order id (see storeAll). */
    private static final String UPSERT_ALL = "insert into billing_order (" + String.join(", ", COLUMNS.keySet())
            + ") select * from unnest(" + COLUMNS.values().stream().map(type -> "?::" + type + "[]")
                    .collect(Collectors.joining(", ")) + ") " + ON_CONFLICT;

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

    /**
     * Stores a poll's first deliveries of billing.orders inside the caller's transaction, with one statement
     * however many orders: each order upserted as {@link #store} would, one after the other. PostgreSQL refuses an
     * upsert that touches one row twice, so an order delivered more than once in the poll is stored once, as its
     * last version (the one {@link #store} would have left).
     */
    public void storeAll(List<BillingOrder> orders, Instant now) {
        // Sorted by order id, the rows are locked in one fixed order: two instances storing overlapping polls
        // (around a rebalance) cannot deadlock.
        Map<String, BillingOrder> lastVersions = new TreeMap<>();
        orders.forEach(order -> lastVersions.put(order.orderId(), order));
        List<Object[]> rows = lastVersions.values().stream().map(order -> row(order, now)).toList();
        // One array per column, as text: the statement casts each to its column's type.
        Object[] columns = new Object[COLUMNS.size()];
        for (int column = 0; column < columns.length; column++) {
            int c = column;
            columns[column] = rows.stream().map(row -> asText(row[c])).toArray(String[]::new);
        }
        jdbc.update(UPSERT_ALL, columns);
        log.debug("{} billing order(s) stored", rows.size());
    }

    private void upsert(BillingOrder order, Instant now) {
        jdbc.update(UPSERT, parameters(order, now));
    }

    static Object[] parameters(BillingOrder order, Instant now) {
        return Arrays.stream(row(order, now)).map(BillingOrders::asParameter).toArray();
    }

    /** An order's values in the order of {@link #COLUMNS}: instants as such, amounts as BigDecimal. */
    private static Object[] row(BillingOrder order, Instant now) {
        return new Object[] {order.orderId(), order.customerId(), order.customerEmail(), order.customerLocale(),
                order.productKind().name(), order.billingMode().name(), order.paidAmount().amount(),
                order.paidAmount().currency(), order.paidAt(), order.termStart(), order.termEnd(),
                order.serviceStatus() == null ? null : order.serviceStatus().name(),
                order.imageUsage() == null ? null : order.imageUsage().name(),
                order.refunded() == null ? null : order.refunded().amount(),
                order.refunded() == null ? null : order.refunded().currency(), now};
    }

    private static Object asParameter(Object value) {
        return value instanceof Instant instant ? Timestamp.from(instant) : value;
    }

    /** A value as PostgreSQL reads it back into its column: an instant in ISO-8601 with its zone, plain numbers. */
    private static String asText(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal amount ? amount.toPlainString() : value.toString();
    }

    private void delete(String orderId) {
        jdbc.update("delete from billing_order where order_id = ?", orderId);
    }

    private static Map<String, String> columns(String... typedColumns) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String typed : typedColumns) {
            String[] nameAndType = typed.split(" ");
            columns.put(nameAndType[0], nameAndType[1]);
        }
        return Collections.unmodifiableMap(columns);
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
