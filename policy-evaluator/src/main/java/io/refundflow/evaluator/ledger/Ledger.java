package io.refundflow.evaluator.ledger;

import io.refundflow.evaluator.model.EntryOrigin;
import io.refundflow.evaluator.model.EntryState;
import io.refundflow.evaluator.model.LedgerEntry;
import io.refundflow.evaluator.model.LedgerView;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refund ledger of each order ({@code order_ledger}, {@code ledger_entry}). Whatever promises or moves money
 * on an order first {@linkplain #lock locks} its ledger in its own transaction and keeps the lock until it
 * commits, so decisions on one order are serialised in PostgreSQL, whatever partition or instance they run on.
 * A transaction that locks several orders must lock them in {@code order_id} order, so that two such
 * transactions cannot deadlock.
 */
@Repository
public class Ledger {

    private final JdbcTemplate jdbc;

    public Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the order's ledger (creating it on first use) until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(String orderId, Instant now) {
        jdbc.update("insert into order_ledger (order_id, created_at) values (?, ?) on conflict (order_id) do nothing",
                orderId, Timestamp.from(now));
        // Read committed: every statement after this one sees what earlier lock holders committed.
        jdbc.queryForObject("select order_id from order_ledger where order_id = ? for update", String.class, orderId);
    }

    /** Locks the order's ledger, then reads it: the figures stay true until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerView lockAndView(BillingOrder order, Instant now) {
        lock(order.orderId(), now);
        return view(order);
    }

    /** The order's figures as committed now, without a lock: for looking, never for deciding. */
    public LedgerView view(BillingOrder order) {
        String currency = order.paidAmount().currency();
        Money[] sums = {Money.zero(currency), Money.zero(currency)};
        jdbc.query("""
                select state, currency, sum(amount) as total from ledger_entry
                where order_id = ? and state in ('SETTLED', 'RESERVED') group by state, currency""",
                rs -> {
                    String entryCurrency = rs.getString("currency").strip();
                    if (!entryCurrency.equals(currency)) {
                        throw new IllegalStateException("ledger of order " + order.orderId() + " holds "
                                + rs.getString("state") + " refunds in " + entryCurrency
                                + " but the order was paid in " + currency);
                    }
                    Money total = new Money(rs.getBigDecimal("total"), currency);
                    int index = EntryState.valueOf(rs.getString("state")) == EntryState.SETTLED ? 0 : 1;
                    sums[index] = total;
                }, order.orderId());
        return LedgerView.of(order.paidAmount(), order.refunded(), sums[0], sums[1]);
    }

    /** Every entry of the order, oldest first. */
    public List<LedgerEntry> entries(String orderId) {
        return jdbc.query("select * from ledger_entry where order_id = ? order by created_at, refund_id",
                Ledger::map, orderId);
    }

    public Optional<LedgerEntry> find(String refundId) {
        return jdbc.query("select * from ledger_entry where refund_id = ?", Ledger::map, refundId).stream()
                .findFirst();
    }

    /**
     * Reserves an approved refund. The caller holds the order's {@linkplain #lock lock} and has checked the amount
     * against the figures it read under it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(String refundId, String orderId, Money amount, Instant now) {
        insert(refundId, orderId, amount, EntryState.RESERVED, EntryOrigin.SYSTEM, now);
    }

    /** Records a refund billing made without this system; the caller holds the order's lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    void recordOutside(String refundId, String orderId, Money amount, Instant now) {
        insert(refundId, orderId, amount, EntryState.SETTLED, EntryOrigin.BILLING, now);
    }

    /** @return false if the entry was not RESERVED (nothing changed then) */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean settle(String refundId, Money amount, Instant now) {
        return jdbc.update("""
                update ledger_entry set state = 'SETTLED', amount = ?, updated_at = ?
                where refund_id = ? and state = 'RESERVED'""",
                amount.amount(), Timestamp.from(now), refundId) == 1;
    }

    /** @return false if the entry was not RESERVED (nothing changed then) */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean release(String refundId, String reason, Instant now) {
        return jdbc.update("""
                update ledger_entry set state = 'RELEASED', failure_reason = ?, updated_at = ?
                where refund_id = ? and state = 'RESERVED'""",
                reason, Timestamp.from(now), refundId) == 1;
    }

    private void insert(String refundId, String orderId, Money amount, EntryState state, EntryOrigin origin,
            Instant now) {
        // A refund id is approved once (decision and review rows guard that first), so a clash here is a bug.
        jdbc.update("""
                insert into ledger_entry (refund_id, order_id, amount, currency, state, origin, created_at,
                    updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                refundId, orderId, amount.amount(), amount.currency(), state.name(), origin.name(),
                Timestamp.from(now), Timestamp.from(now));
    }

    private static LedgerEntry map(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(rs.getString("refund_id"), rs.getString("order_id"),
                new Money(rs.getBigDecimal("amount"), rs.getString("currency").strip()).normalized(),
                EntryState.valueOf(rs.getString("state")), EntryOrigin.valueOf(rs.getString("origin")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("failure_reason"));
    }
}
