package io.refundflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.Topics;
import io.refundflow.platform.kafka.EventOrBytesSerializer;
import io.refundflow.platform.outbox.OutboxProperties;
import io.refundflow.platform.outbox.OutboxRelay;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.OutboxRows;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@WithRealInfrastructure
class OutboxTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    OutboxProperties properties;
    @Autowired
    OutboxRelay relay;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void eventAppendedInACommittedTransactionIsPublishedWithItsHeaders() {
        EventEnvelope<RefundRequested> event = request();

        transactions.executeWithoutResult(status -> outbox.append(event));

        var records = kafka.awaitEvents(Topics.REQUESTS, event.subject(), 1, Duration.ofSeconds(30));
        assertThat(records).containsExactly(event);
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        // given an event appended in a transaction that is rolled back
        EventEnvelope<RefundRequested> event = request();
        transactions.executeWithoutResult(status -> {
            outbox.append(event);
            status.setRollbackOnly();
        });

        // when an event committed after it has left the outbox (the relay sends in commit order and deletes a batch
        // once the broker acknowledged all of it, so anything the rolled-back transaction had left behind would be
        // on the topic by now)
        EventEnvelope<RefundRequested> later = request();
        transactions.executeWithoutResult(status -> outbox.append(later));
        OutboxRows.awaitRelayed(jdbc, later.subject(), WAIT);

        // then the topic, read to its end, holds nothing of it, and neither does the outbox
        assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(event.subject()), WAIT)).isEmpty();
        assertThat(outboxRows(event)).isZero();
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(request()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    @Test
    void eventsOfOneRefundArePublishedInCommitOrder() {
        String refundId = "r-" + UUID.randomUUID();
        List<EventEnvelope<RefundRequested>> events = List.of(request(refundId), request(refundId), request(refundId));

        events.forEach(event -> transactions.executeWithoutResult(status -> outbox.append(event)));

        assertThat(kafka.awaitEvents(Topics.REQUESTS, refundId, 3, Duration.ofSeconds(30)))
                .containsExactlyElementsOf(events);
    }

    @Test
    void eventCommittedWhileTheBrokerIsUnreachableIsKeptAndPublishedOnceItIsBack() {
        // given the service's relay paused, and a relay whose broker does not answer (nothing listens on port 1)
        relay.stop();
        KafkaTemplate<Object, Object> unreachable = template("127.0.0.1:1");
        OutboxRelay cutOff = new OutboxRelay(jdbc, transactions, unreachable, properties, kafka.codec().mapper());
        EventEnvelope<RefundRequested> event = request();
        try {
            // when the event is committed and the cut-off relay tries to publish it
            transactions.executeWithoutResult(status -> outbox.append(event));
            assertThatThrownBy(cutOff::relayBatch).hasMessageContaining("did not acknowledge");

            // then the event is still waiting in the outbox
            assertThat(outboxRows(event)).isOne();
        } finally {
            unreachable.destroy();
            relay.start();
        }

        // and once a relay reaches the broker it is published exactly once and leaves the outbox
        var published = kafka.await(Topics.REQUESTS, KafkaTestClient.withKey(event.subject()), 1,
                Duration.ofSeconds(30));
        assertThat(kafka.decode(published.get(0))).isEqualTo(event);
        OutboxRows.awaitRelayed(jdbc, event.subject(), WAIT);
        assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(event.subject()), WAIT)).hasSize(1);
    }

    private int outboxRows(EventEnvelope<?> event) {
        Integer rows = jdbc.queryForObject("select count(*) from outbox_event where event_id = ?", Integer.class,
                event.id());
        return rows == null ? 0 : rows;
    }

    private EventEnvelope<RefundRequested> request() {
        return request("r-" + UUID.randomUUID());
    }

    private EventEnvelope<RefundRequested> request(String refundId) {
        return EventEnvelope.of("platform-test", new RefundRequested(refundId, null, "o-1", "c-1",
                Ground.UNSATISFIED, RequestKind.REFUND, null, "en", List.of(), clock.instant()), clock);
    }

    private static KafkaTemplate<Object, Object> template(String bootstrap) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1500,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventOrBytesSerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<Object, Object>(config));
    }
}
