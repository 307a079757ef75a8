package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.platform.retention.RetentionSweeper;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The retention sweep over stored answers: an expired key goes, an answer within the key's lifetime stays. */
@IntakeTest
class IdempotencyRetentionTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RetentionSweeper sweeper;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aRetryAnHourBeforeItsKeyExpiresIsStillReplayedAfterASweepWhileAnExpiredKeyIsDeleted() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String kept = Api.newKey();
        String expired = Api.newKey();
        Api.Response first = api.postJson(token, kept, "/api/cases", contactJson(order.orderId()));
        api.postJson(token, expired, "/api/cases", contactJson(Fixtures.publishOrder(kafka, jdbc, "c-1", "en")
                .orderId()));
        // the key lifetime is 24 h: one answer stored 23 h ago, the other 25 h ago
        age(kept, Duration.ofHours(23));
        age(expired, Duration.ofHours(25));

        var deleted = sweeper.sweep();
        Api.Response retry = api.postJson(token, kept, "/api/cases", contactJson(order.orderId()));

        assertThat(deleted.get("idempotency_key")).isPositive();
        assertThat(keyRows(expired)).as("expired key deleted").isZero();
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(jdbc.queryForObject("select count(*) from refund_case where order_id = ?", Integer.class,
                order.orderId())).as("cases of the order").isOne();
    }

    private void age(String key, Duration by) {
        jdbc.update("""
                update idempotency_key set created_at = created_at - ?::interval, expires_at = expires_at - ?::interval
                where idem_key = ?""", by.toSeconds() + " seconds", by.toSeconds() + " seconds", key);
    }

    private int keyRows(String key) {
        return jdbc.queryForObject("select count(*) from idempotency_key where idem_key = ?", Integer.class, key);
    }
}
