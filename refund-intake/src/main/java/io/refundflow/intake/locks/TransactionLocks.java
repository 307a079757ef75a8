package io.refundflow.intake.locks;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Locks on a name that PostgreSQL holds until the current transaction ends (transaction-scoped advisory locks), for
 * a check and the write it lets in to be one step across threads and instances: the cases opened on an order, a
 * partner's quota, a customer's stored evidence. Each key names what it guards ({@code "cases:" + orderId}); the
 * keys are part of the protocol between running instances, so one that changes no longer excludes an instance still
 * running the old code.
 */
@Component
public class TransactionLocks {

    private final JdbcTemplate jdbc;

    public TransactionLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the lock on {@code key} and holds it until the transaction ends. */
    public void hold(String key) {
        hold(List.of(key));
    }

    /**
     * Waits for the lock on each key and holds them until the transaction ends. They are taken in sorted order,
     * always, so that two transactions wanting some of the same keys never wait on each other in a circle.
     */
    public void hold(Collection<String> keys) {
        keys.stream().distinct().sorted().forEach(key -> jdbc.query(
                "select pg_advisory_xact_lock(hashtextextended(?, 0))", row -> { }, key));
    }
}
