package io.refundflow.intake.ledger;

import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.platform.jdbc.TextArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code order_refund} table: per refund id, the amount a decision approved and billing's settlement of
 * it. Each side is an upsert, so the order in which decisions and settlements are consumed does not matter and
 * a redelivery changes nothing. A refund id stays on the order it was first seen with: a later event naming
 * it on another order is not applied.
 */
@Repository
public class OrderRefunds {

    private final JdbcTemplate jdbc;

    public OrderRefunds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One refund on an order as intake sees it, with the case it belongs to when it is one of intake's. */
    public record OrderRefund(String refundId, String caseNumber, Money approved, SettlementStatus settlement,
            Money settled) {
    }

    /** What a decision approved on an order's refund, as of {@code at}. */
    public record Approval(String refundId, String orderId, Money amount, Instant at) {
    }

    /**
     * Records these approvals in one statement. Of several approvals of one refund the last one counts, as if they
     * had been recorded one after the other (one statement cannot update a row twice).
     */
    public void approvedAll(List<Approval> approvals) {
        if (approvals.isEmpty()) {
            return;
        }
        Map<String, Approval> lastPerRefund = new LinkedHashMap<>();
        approvals.forEach(approval -> lastPerRefund.put(approval.refundId(), approval));
        List<Approval> rows = List.copyOf(lastPerRefund.values());
        jdbc.update("""
                insert into order_refund (refund_id, order_id, approved_amount, approved_currency, updated_at)
                select * from unnest(?::text[], ?::text[], ?::numeric[], ?::text[], ?::timestamptz[])
                on conflict (refund_id) do update set approved_amount = excluded.approved_amount,
                    approved_currency = excluded.approved_currency, updated_at = excluded.updated_at
                 where order_refund.order_id = excluded.order_id""", statement -> {
                    statement.setArray(1, TextArrays.column(statement, rows, Approval::refundId));
                    statement.setArray(2, TextArrays.column(statement, rows, Approval::orderId));
                    statement.setArray(3, TextArrays.column(statement, rows, approval -> approval.amount().amount()));
                    statement.setArray(4, TextArrays.column(statement, rows, approval -> approval.amount().currency()));
                    statement.setArray(5, TextArrays.column(statement, rows, Approval::at));
                });
    }

    /** @return whether it was applied (false: the refund id is known on another order) */
    public boolean settled(String refundId, String orderId, SettlementStatus status, Money amount, String reason,
            Instant at) {
        return jdbc.update("""
                insert into order_refund (refund_id, order_id, settlement, settled_amount, settled_currency,
                    billing_reason, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (refund_id) do update set settlement = excluded.settlement,
                    settled_amount = excluded.settled_amount, settled_currency = excluded.settled_currency,
                    billing_reason = excluded.billing_reason, updated_at = excluded.updated_at
                 where order_refund.order_id = excluded.order_id""",
                refundId, orderId, status.name(), amount.amount(), amount.currency(), reason, Timestamp.from(at)) == 1;
    }

    /** Billing's word on an order's refund, as of {@code at}. */
    public record Settlement(String refundId, String orderId, SettlementStatus status, Money amount, String reason,
            Instant at) {
    }

    /**
     * Records these settlements in one statement, what {@link #settled} does to each in turn. Of several settlements
     * of one refund the last one counts, as if they had been recorded one after the other (one statement cannot
     * update a row twice); the caller gives those of one refund on one order, so they are all applied or none.
     *
     * @return the refund ids whose settlements were applied (a refund id known on another order is not)
     */
    public Set<String> settledAll(List<Settlement> settlements) {
        if (settlements.isEmpty()) {
            return Set.of();
        }
        Map<String, Settlement> lastPerRefund = new LinkedHashMap<>();
        settlements.forEach(settlement -> lastPerRefund.put(settlement.refundId(), settlement));
        List<Settlement> rows = List.copyOf(lastPerRefund.values());
        return Set.copyOf(jdbc.query("""
                insert into order_refund (refund_id, order_id, settlement, settled_amount, settled_currency,
                    billing_reason, updated_at)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[],
                    ?::timestamptz[])
                on conflict (refund_id) do update set settlement = excluded.settlement,
                    settled_amount = excluded.settled_amount, settled_currency = excluded.settled_currency,
                    billing_reason = excluded.billing_reason, updated_at = excluded.updated_at
                 where order_refund.order_id = excluded.order_id
                returning refund_id""", statement -> {
                    statement.setArray(1, TextArrays.column(statement, rows, Settlement::refundId));
                    statement.setArray(2, TextArrays.column(statement, rows, Settlement::orderId));
                    statement.setArray(3, TextArrays.column(statement, rows, Settlement::status));
                    statement.setArray(4, TextArrays.column(statement, rows, s -> s.amount().amount()));
                    statement.setArray(5, TextArrays.column(statement, rows, s -> s.amount().currency()));
                    statement.setArray(6, TextArrays.column(statement, rows, Settlement::reason));
                    statement.setArray(7, TextArrays.column(statement, rows, Settlement::at));
                }, (rs, row) -> rs.getString("refund_id")));
    }

    /** Every refund intake knows on the order, oldest change first. */
    public List<OrderRefund> onOrder(String orderId) {
        return jdbc.query("""
                select r.refund_id, c.case_number, r.approved_amount, r.approved_currency, r.settlement,
                       r.settled_amount, r.settled_currency
                  from order_refund r
                  left join submission s on s.refund_id = r.refund_id
                  left join refund_case c on c.case_id = s.case_id
                 where r.order_id = ?
                 order by r.updated_at, r.refund_id""", OrderRefunds::map, orderId);
    }

    /**
     * Every refund intake knows on each of the orders, oldest change first per order, in one statement: a page of
     * orders costs one round trip, not one per order. An order without refunds has no entry.
     */
    public Map<String, List<OrderRefund>> onOrders(Collection<String> orderIds) {
        Map<String, List<OrderRefund>> byOrder = new HashMap<>();
        jdbc.query("""
                select r.order_id, r.refund_id, c.case_number, r.approved_amount, r.approved_currency, r.settlement,
                       r.settled_amount, r.settled_currency
                  from order_refund r
                  left join submission s on s.refund_id = r.refund_id
                  left join refund_case c on c.case_id = s.case_id
                 where r.order_id = any(?)
                 order by r.updated_at, r.refund_id""",
                statement -> statement.setArray(1, TextArrays.of(statement, orderIds)),
                (ResultSet rs) -> {
                    byOrder.computeIfAbsent(rs.getString("order_id"), id -> new ArrayList<>()).add(map(rs, 0));
                });
        return byOrder;
    }

    private static OrderRefund map(ResultSet rs, int row) throws SQLException {
        String settlement = rs.getString("settlement");
        return new OrderRefund(rs.getString("refund_id"), rs.getString("case_number"),
                money(rs, "approved_amount", "approved_currency"),
                settlement == null ? null : SettlementStatus.valueOf(settlement),
                money(rs, "settled_amount", "settled_currency"));
    }

    private static Money money(ResultSet rs, String amount, String currency) throws SQLException {
        String code = rs.getString(currency);
        return code == null ? null : new Money(rs.getBigDecimal(amount), code).normalized();
    }
}
