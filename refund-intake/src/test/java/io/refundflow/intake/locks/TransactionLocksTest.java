package io.refundflow.intake.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.intake.IntakeTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intake's advisory locks: held until the transaction ends, on the same PostgreSQL lock an instance still running the
 * old code takes for the key, and in one order whatever order a caller names several in.
 */
@IntakeTest
class TransactionLocksTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How every intake instance, old code included, turns a key into PostgreSQL's lock. */
    private static final String SAME_KEY_ELSEWHERE = "select pg_try_advisory_xact_lock(hashtextextended(?, 0))";

    @Autowired
    TransactionLocks locks;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aKeyIsHeldAgainstEveryInstanceUntilTheTransactionEnds() {
        String key = keys() + "order";

        // when a transaction holds the key, then no other session gets it meanwhile, and every one does after
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            locks.hold(key);
            assertThat(freeElsewhere(key)).isFalse();
        });
        assertThat(freeElsewhere(key)).isTrue();
    }

    @Test
    void severalKeysAreTakenInSortedOrderWhateverOrderTheyAreGivenIn() throws Exception {
        String keys = keys();
        String first = keys + "a";
        String second = keys + "b";
        try (Connection otherInstance = dataSource.getConnection()) {
            // given another instance's transaction holding the second key
            otherInstance.setAutoCommit(false);
            assertThat(tryLock(otherInstance, second)).isTrue();

            // when a transaction asks for the second and the first key, in that order
            CompletableFuture<Integer> session = new CompletableFuture<>();
            CompletableFuture<Void> asking = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                    .executeWithoutResult(status -> {
                        session.complete(jdbc.queryForObject("select pg_backend_pid()", Integer.class));
                        locks.hold(List.of(second, first));
                    }));
            int pid = session.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> waitsForALock(pid));

            // then it holds the first while it waits for the second (nobody holding the first can be waiting on it)
            assertThat(freeElsewhere(first)).isFalse();
            otherInstance.rollback();
            asking.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** A prefix of this test's own keys, so that no other test (or run) contends on them. */
    private static String keys() {
        return "locks-test:" + UUID.randomUUID() + ":";
    }

    private boolean waitsForALock(int pid) {
        return jdbc.queryForObject("select exists (select 1 from pg_locks where pid = ? and not granted)",
                Boolean.class, pid);
    }

    /** Whether a session of its own gets the key's lock (let go again at once). */
    private boolean freeElsewhere(String key) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return tryLock(connection, key);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean tryLock(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SAME_KEY_ELSEWHERE)) {
            statement.setString(1, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
