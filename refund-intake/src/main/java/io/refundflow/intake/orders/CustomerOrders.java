package io.refundflow.intake.orders;

import io.refundflow.events.BillingOrder;
import io.refundflow.intake.ledger.OrderRefunds;
import io.refundflow.intake.ledger.Refundable;
import io.refundflow.platform.billing.BillingOrders;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders billing holds for one customer (intake's copy of billing.orders), newest payment first, each with
 * what is left to refund and its open request. What is refundable is the same computation the submit step refuses
 * an application with ({@link Refundable}), so the page and the API never disagree.
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
        List<String> ids = jdbc.queryForList("""
                select order_id from billing_order where customer_id = ? order by paid_at desc, order_id limit ?""",
                String.class, customerId, limit);
        return ids.stream().map(orders::find).flatMap(Optional::stream).map(this::view).toList();
    }

    private CustomerOrder view(BillingOrder order) {
        Refundable refundable = Refundable.of(order, refunds.onOrder(order.orderId()));
        Optional<OpenCase> open = jdbc.query("""
                select c.case_id, c.case_number from submission s join refund_case c on c.case_id = s.case_id
                 where s.order_id = ? and s.open""",
                (rs, row) -> new OpenCase(rs.getString("case_id"), rs.getString("case_number")), order.orderId())
                .stream().findFirst();
        return new CustomerOrder(order.orderId(), order.productKind(), order.billingMode(), order.paidAmount(),
                order.paidAt(), order.termStart(), order.termEnd(), order.customerLocale(), refundable.left(),
                open.map(OpenCase::caseId).orElse(null), open.map(OpenCase::caseNumber).orElse(null));
    }
}
