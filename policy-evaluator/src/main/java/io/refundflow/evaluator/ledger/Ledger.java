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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
        lockAll(List.of(orderId), now);
    }

    /**
     * Locks the ledgers of these orders (creating those used for the first time) until the caller's transaction
     * ends, in two statements however many orders: both take the rows in {@code order_id} order, so that two
     * transactions locking overlapping sets of orders wait for each other instead of deadlocking.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAll(Collection<String> orderIds, Instant now) {
        String[] ids = orderIds.stream().distinct().toArray(String[]::new);
        jdbc.update("""
                insert into order_ledger (order_id, created_at)
                select id, ? from unnest(?::text[]) as id order by id
                on conflict (order_id) do nothing""", Timestamp.from(now), ids);
        // Read committed: every statement after this one sees what earlier lock holders committed.
        jdbc.query("select order_id from order_ledger where order_id = any(?) order by order_id for update",
                (RowCallbackHandler) rs -> { }, (Object) ids);
    }

    /** Locks the order's ledger, then reads it: the figures stay true until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerView lockAndView(BillingOrder order, Instant now) {
        lock(order.orderId(), now);
        return view(order);
    }

    /** The order's figures as committed now, without a lock: for looking, never for deciding. */
    public LedgerView view(BillingOrder order) {
        return views(List.of(order)).get(order.orderId());
    }

    /**
     * The figures of these orders as committed now, by order id, in one statement: true until the caller's
     * transaction ends where it holds their {@linkplain #lockAll locks}.
     */
    public Map<String, LedgerView> views(Collection<BillingOrder> orders) {
        Map<String, BillingOrder> byId = new HashMap<>();
        orders.forEach(order -> byId.put(order.orderId(), order));
        Map<String, Money> settled = new HashMap<>();
        Map<String, Money> reserved = new HashMap<>();
        jdbc.query("""
                select order_id, state, currency, sum(amount) as total from ledger_entry
                where order_id = any(?) and state in ('SETTLED', 'RESERVED') group by order_id, state, currency""",
                (RowCallbackHandler) rs -> {
                    BillingOrder order = byId.get(rs.getString("order_id"));
                    String currency = order.paidAmount().currency();
                    String entryCurrency = rs.getString("currency").strip();
                    if (!entryCurrency.equals(currency)) {
                        throw new IllegalStateException("ledger of order " + order.orderId() + " holds "
                                + rs.getString("state") + " refunds in " + entryCurrency
                                + " but the order was paid in " + currency);
                    }
                    Money total = new Money(rs.getBigDecimal("total"), currency);
                    boolean isSettled = EntryState.valueOf(rs.getString("state")) == EntryState.SETTLED;
                    (isSettled ? settled : reserved).put(order.orderId(), total);
                }, (Object) byId.keySet().toArray(String[]::new));
        Map<String, LedgerView> views = new HashMap<>();
        byId.forEach((orderId, order) -> {
            Money zero = Money.zero(order.paidAmount().currency());
            views.put(orderId, LedgerView.of(order.paidAmount(), order.refunded(),
                    settled.getOrDefault(orderId, zero), reserved.getOrDefault(orderId, zero)));
        });
        return views;
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

    /** The entries of these refunds that the ledger holds, by refund id: one statement, however many ids. */
    public Map<String, LedgerEntry> findAll(Collection<String> refundIds) {
        Map<String, LedgerEntry> found = new HashMap<>();
        jdbc.query("select * from ledger_entry where refund_id = any(?)", (RowCallbackHandler) rs -> {
            LedgerEntry entry = map(rs, found.size());
            found.put(entry.refundId(), entry);
        }, (Object) refundIds.stream().distinct().toArray(String[]::new));
        return found;
    }

    /**
     * Reserves an approved refund. The caller holds the order's {@linkplain #lock lock} and has checked the amount
     * against the figures it read under it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(String refundId, String orderId, Money amount, Instant now) {
        reserveAll(List.of(new NewEntry(refundId, orderId, amount)), now);
    }

    /** Reserves approved refunds in one statement; the caller holds their orders' locks, as for {@link #reserve}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserveAll(List<NewEntry> reservations, Instant now) {
        insert(reservations, EntryState.RESERVED, EntryOrigin.SYSTEM, now);
    }

    /** Records a refund billing made without this system; the caller holds the order's lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    void recordOutside(String refundId, String orderId, Money amount, Instant now) {
        recordOutsideAll(List.of(new NewEntry(refundId, orderId, amount)), now);
    }

    /** Records refunds billing made without this system in one statement; the caller holds their orders' locks. */
    @Transactional(propagation = Propagation.MANDATORY)
    void recordOutsideAll(List<NewEntry> refunds, Instant now) {
        insert(refunds, EntryState.SETTLED, EntryOrigin.BILLING, now);
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

    /**
     * Settles and releases reserved refunds in one statement, what {@link #settle} and {@link #release} do to each;
     * an entry no longer RESERVED is left as it is. The caller holds their orders' locks.
     *
     * @return how many entries changed: as many as there are closings, where the caller read them RESERVED under
     *         those locks and closes each once
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int closeAll(List<Closing> closings, Instant now) {
        if (closings.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                update ledger_entry e set state = c.state, amount = coalesce(c.amount, e.amount),
                    failure_reason = c.reason, updated_at = ?
                from unnest(?::text[], ?::text[], ?::numeric[], ?::text[]) as c(refund_id, state, amount, reason)
                where e.refund_id = c.refund_id and e.state = 'RESERVED'""",
                Timestamp.from(now),
                closings.stream().map(Closing::refundId).toArray(String[]::new),
                closings.stream().map(c -> c.state().name()).toArray(String[]::new),
                closings.stream().map(c -> c.executed() == null ? null : c.executed().amount().toPlainString())
                        .toArray(String[]::new),
                closings.stream().map(Closing::failureReason).toArray(String[]::new));
    }

    private void insert(List<NewEntry> entries, EntryState state, EntryOrigin origin, Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        // A refund id is approved once (decision and review rows guard that first), so a clash here is a bug.
        jdbc.update("""
                insert into ledger_entry (refund_id, order_id, amount, currency, state, origin, created_at,
                    updated_at)
                select refund_id, order_id, amount, currency, ?, ?, ?, ?
                from unnest(?::text[], ?::text[], ?::numeric[], ?::text[]) as e(refund_id, order_id, amount, currency)""",
                state.name(), origin.name(), Timestamp.from(now), Timestamp.from(now),
                entries.stream().map(NewEntry::refundId).toArray(String[]::new),
                entries.stream().map(NewEntry::orderId).toArray(String[]::new),
                entries.stream().map(e -> e.amount().amount().toPlainString()).toArray(String[]::new),
                entries.stream().map(e -> e.amount().currency()).toArray(String[]::new));
    }

    /**
     * Billing's word on one reserved refund: SETTLED at the amount it executed, or RELEASED for the reason it
     * failed (the amount stays what was reserved).
     */
    record Closing(String refundId, EntryState state, Money executed, String failureReason) {

        static Closing settled(String refundId, Money executed) {
            return new Closing(refundId, EntryState.SETTLED, executed, null);
        }

        static Closing released(String refundId, String reason) {
            return new Closing(refundId, EntryState.RELEASED, null, reason);
        }
    }

    /** What one refund adds to an order's ledger. */
    public record NewEntry(String refundId, String orderId, Money amount) {
    }

    private static LedgerEntry map(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(rs.getString("refund_id"), rs.getString("order_id"),
                new Money(rs.getBigDecimal("amount"), rs.getString("currency").strip()).normalized(),
                EntryState.valueOf(rs.getString("state")), EntryOrigin.valueOf(rs.getString("origin")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("failure_reason"));
    }
}
