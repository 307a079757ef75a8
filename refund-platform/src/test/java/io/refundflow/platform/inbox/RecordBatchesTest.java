package io.refundflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A poll's records in one transaction, over a real broker and PostgreSQL, with a bad record in the middle: what
 * every {@link EventHandler} gets from the platform.
 */
@SpringBootTest(properties = "spring.application.name=platform-record-batches-test")
@WithRealInfrastructure
@Import(HandlersStartedByTheTest.class)
class RecordBatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aFailingRecordIsDeadLetteredAloneWhileTheRecordsAroundItAreKeptOnce() {
        // given five settlements of one order on one partition, waiting for a listener that has not started yet:
        // two good ones, one that is not JSON, one its handler refuses, and a good one
        String orderId = "o-batch-" + UUID.randomUUID();
        kafka.publish(settlement("r-1-" + orderId, orderId));
        kafka.publish(settlement("r-2-" + orderId, orderId));
        kafka.publishRaw(Topics.BILLING_REFUNDS, orderId, Map.of("ce_specversion", "1.0", "ce_id", "bad-" + orderId,
                "ce_source", "billing", "ce_type", "io.refundflow.billing.refund.v1", "ce_time", "2026-11-30T08:00:00Z",
                "ce_subject", orderId), "{not json".getBytes(StandardCharsets.UTF_8));
        kafka.publish(settlement("poison-3-" + orderId, orderId));
        kafka.publish(settlement("r-4-" + orderId, orderId));

        // when the batch listener starts and reads them
        listeners.getListenerContainer(Topics.BILLING_REFUNDS).start();

        // then the three good ones are stored, each once and in their order, the two before the bad ones in one
        // transaction: their poll's, committed before the first bad one was dead-lettered
        Awaitility.await().atMost(WAIT).until(() -> stored(orderId).size() == 3);
        assertThat(stored(orderId)).containsExactly("r-1-" + orderId, "r-2-" + orderId, "r-4-" + orderId);
        assertThat(transactionOf("r-1-" + orderId)).as("transaction of the first record")
                .isEqualTo(transactionOf("r-2-" + orderId));

        // and the two bad ones are dead-lettered, each with its cause
        List<ConsumerRecord<String, byte[]>> dead = kafka.await(Topics.deadLetter(Topics.BILLING_REFUNDS),
                KafkaTestClient.withKey(orderId), 2, WAIT);
        assertThat(dead).extracting(record -> KafkaTestClient.header(record, "kafka_dlt-exception-message"))
                .anySatisfy(cause -> assertThat(cause).startsWith("payload: malformed JSON"))
                .anySatisfy(cause -> assertThat(cause).isEqualTo("refused by the test's handler"));
        assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .contains("{not json");
    }

    private List<String> stored(String orderId) {
        return jdbc.queryForList("select refund_id from handled_batches_test where order_id = ? order by seq",
                String.class, orderId);
    }

    private long transactionOf(String refundId) {
        return jdbc.queryForObject("select tx from handled_batches_test where refund_id = ?", Long.class, refundId);
    }

    private static EventEnvelope<BillingRefund> settlement(String refundId, String orderId) {
        Clock clock = Clock.systemUTC();
        return EventEnvelope.of("billing", new BillingRefund(refundId, orderId, Money.of("1.00", "CNY"),
                SettlementStatus.EXECUTED, null, clock.instant()), clock);
    }

    @TestConfiguration
    static class Handler {

        @Bean
        SettlementBatches settlementBatches(JdbcTemplate jdbc) {
            jdbc.execute("create table if not exists handled_batches_test (seq bigserial, refund_id text primary key,"
                    + " order_id text not null, tx bigint not null)");
            return new SettlementBatches(jdbc);
        }
    }

    /** Stores each settlement with the transaction that stored it; refuses the poisoned ones. */
    static class SettlementBatches implements EventHandler<BillingRefund> {

        private final JdbcTemplate jdbc;

        SettlementBatches(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public Subscription<BillingRefund> subscription() {
            return Subscription.of(Topics.BILLING_REFUNDS, BillingRefund.class, BillingRefund::refundId);
        }

        @Override
        public void handle(Delivery<BillingRefund> delivery) {
            BillingRefund refund = delivery.payload();
            if (refund.refundId().startsWith("poison")) {
                throw new InvalidEventException("refused by the test's handler");
            }
            jdbc.update("insert into handled_batches_test (refund_id, order_id, tx) values (?, ?, txid_current())",
                    refund.refundId(), refund.orderId());
        }
    }
}
