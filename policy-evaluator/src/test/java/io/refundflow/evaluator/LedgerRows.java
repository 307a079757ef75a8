package io.refundflow.evaluator;

import io.refundflow.testsupport.OutboxRows;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the refund ledger and the consumers' dedupe table the way an auditor would: straight from the database. */
public final class LedgerRows {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private LedgerRows() {
    }

    /** One ledger entry as stored. */
    public record Row(String refundId, String state, String origin, BigDecimal amount, String currency,
            String failureReason) {
    }

    public static List<Row> entries(JdbcTemplate jdbc, String orderId) {
        return jdbc.query("""
                select refund_id, state, origin, amount, currency, failure_reason from evaluator.ledger_entry
                where order_id = ? order by created_at, refund_id""",
                (rs, i) -> new Row(rs.getString("refund_id"), rs.getString("state"), rs.getString("origin"),
                        rs.getBigDecimal("amount").setScale(2), rs.getString("currency"),
                        rs.getString("failure_reason")),
                orderId);
    }

    /** Waits until the service has consumed the event with this CloudEvents id (its dedupe row is committed). */
    public static void awaitProcessed(JdbcTemplate jdbc, String eventId) {
        awaitTrue("event " + eventId + " processed", () -> jdbc.queryForObject(
                "select count(*) from evaluator.processed_event where event_id = ?", Integer.class, eventId) == 1);
    }

    /**
     * Waits until the service's outbox holds no event keyed by this refund or order: whatever it committed for it
     * has reached the broker, so reading the topic to its end shows everything it will publish for it so far.
     */
    public static void awaitRelayed(JdbcTemplate jdbc, String key) {
        OutboxRows.awaitRelayed(jdbc, key, WAIT);
    }

    public static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within " + WAIT + ": " + what);
    }
}
