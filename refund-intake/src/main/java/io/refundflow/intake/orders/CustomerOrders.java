package io.refundflow.intake.orders;

import io.refundflow.events.BillingOrder;
import io.refundflow.intake.ledger.OrderRefunds;
import io.refundflow.intake.ledger.Refundable;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.jdbc.TextArrays;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders billing holds for one customer (intake's copy of billing.orders), newest payment first, each with
 * what is left to refund and its open request. What is refundable is the same computation the submit step refuses
 * an application with ({@link Refundable}), so the page and the API never disagree. One statement per table,
 * whatever the number of orders: the page is read on every visit.
 */
@Service
public class CustomerOrders {

    private final JdbcTemplate jdbc;
    private final BillingOrders orders;
    private final OrderRefunds refunds;

    public CustomerOrders(JdbcTemplate jdbc, BillingOrders orders, OrderRefunds refunds) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.refunds = refunds;
    }

    private record OpenCase(String caseId, String caseNumber) {
    }

    /** One snapshot, so an order's refundable amount and its open request agree with each other. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<CustomerOrder> of(String customerId, int limit) {
        List<BillingOrder> billed = orders.ofCustomer(customerId, limit);
        if (billed.isEmpty()) {
            return List.of();
        }
        List<String> ids = billed.stream().map(BillingOrder::orderId).toList();
        Map<String, List<OrderRefunds.OrderRefund>> refunded = refunds.onOrders(ids);
        Map<String, OpenCase> open = openCases(ids);
        return billed.stream().map(order -> view(order, refunded.getOrDefault(order.orderId(), List.of()),
                open.get(order.orderId()))).toList();
    }

    private Map<String, OpenCase> openCases(List<String> orderIds) {
        Map<String, OpenCase> byOrder = new HashMap<>();
        jdbc.query("""
                select s.order_id, c.case_id, c.case_number from submission s join refund_case c on c.case_id = s.case_id
                 where s.order_id = any(?) and s.open""",
                statement -> statement.setArray(1, TextArrays.of(statement, orderIds)),
                (ResultSet rs) -> {
                    byOrder.putIfAbsent(rs.getString("order_id"),
                            new OpenCase(rs.getString("case_id"), rs.getString("case_number")));
                });
        return byOrder;
    }

    private static CustomerOrder view(BillingOrder order, List<OrderRefunds.OrderRefund> refunds, OpenCase open) {
        Refundable refundable = Refundable.of(order, refunds);
        return new CustomerOrder(order.orderId(), order.productKind(), order.billingMode(), order.paidAmount(),
                order.paidAt(), order.termStart(), order.termEnd(), order.customerLocale(), refundable.left(),
                open == null ? null : open.caseId(), open == null ? null : open.caseNumber());
    }
}
