package io.refundflow.testsupport;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox of the service under test (refund-platform's {@code outbox_event}), read through the service's own
 * {@link JdbcTemplate}, whose connections have the service's schema on their search path.
 */
public final class OutboxRows {

    private OutboxRows() {
    }

    /**
     * Waits until the outbox holds no event keyed by this refund or order. The relay deletes a row only after the
     * broker acknowledged it, so from then on everything the service committed for the key is on the topic, and
     * {@link KafkaTestClient#readToEnd} shows all of it. Call it once the action is committed (an HTTP answer, or a
     * consumed record): before that an empty outbox says nothing.
     */
    public static void awaitRelayed(JdbcTemplate jdbc, String key, Duration timeout) {
        Awaitility.await("outbox relayed for " + key).atMost(timeout).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_event where msg_key = ?", Integer.class, key) == 0);
    }
}
