package io.refundflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A record of a batch that first fails in a way worth retrying, and then, on a later delivery, in a way that is
 * not (a decision for an order the billing copy does not hold yet, refused as forged once the order is there):
 * it is dead-lettered at once with the refusal as cause, and the records behind it go on. The retry budget is
 * set far beyond the wait, so only the refusal itself can end the retries in time.
 */
@SpringBootTest(properties = "refund.kafka.retry.max-elapsed=10m")
@WithRealInfrastructure
class RefusedAfterRetryTest {

    private static final String LISTENER = "platform-refused-after-retry-test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    ScriptedDecisions decisions;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aRecordRefusedAfterFailingRetryablyIsDeadLetteredAtOnce() {
        assertRefusedAtOnceAfter(() -> new IllegalStateException("order not in the billing copy yet"));
    }

    @Test
    void aRecordRefusedAfterFailingInADatabaseOutageIsDeadLetteredAtOnce() {
        assertRefusedAtOnceAfter(() -> new CannotGetJdbcConnectionException("database refused the connection"));
    }

    private void assertRefusedAtOnceAfter(Supplier<RuntimeException> firstFailure) {
        // given a good decision, a suspect one that fails as scripted, and a good one, on one partition
        String refundId = "r-refused-" + UUID.randomUUID();
        EventEnvelope<RefundRejected> before = decision(refundId);
        EventEnvelope<RefundRejected> suspect = decision(refundId);
        EventEnvelope<RefundRejected> after = decision(refundId);
        decisions.failWith(suspect.id(), firstFailure);
        kafka.publish(before);
        kafka.publish(suspect);
        kafka.publish(after);
        listeners.getListenerContainer(LISTENER).start();

        // when the suspect has failed that way, and from then on it is refused as breaking the contract
        Awaitility.await().atMost(WAIT).until(() -> decisions.attempts(suspect.id()) > 0);
        decisions.failWith(suspect.id(), () -> new InvalidEventException("recipient: forged, refused by the test"));

        // then it is dead-lettered within the wait, well inside its retry budget, naming the refusal
        List<ConsumerRecord<String, byte[]>> dead = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                record -> suspect.id().equals(KafkaTestClient.header(record, "ce_id")), 1, WAIT);
        assertThat(KafkaTestClient.header(dead.get(0), "kafka_dlt-exception-fqcn"))
                .isEqualTo(InvalidEventException.class.getName());
        assertThat(KafkaTestClient.header(dead.get(0), "kafka_dlt-exception-message"))
                .isEqualTo("recipient: forged, refused by the test");

        // and the decisions around it are each kept once
        Awaitility.await().atMost(WAIT).until(() -> stored(refundId).size() == 2);
        assertThat(stored(refundId)).containsExactly(before.id(), after.id());
    }

    private List<String> stored(String refundId) {
        return jdbc.queryForList("select event_id from refused_after_retry_test where refund_id = ? order by seq",
                String.class, refundId);
    }

    private static EventEnvelope<RefundRejected> decision(String refundId) {
        Clock clock = Clock.systemUTC();
        String customer = "c-" + UUID.randomUUID();
        LocalizedText reason = new LocalizedText("Image in use", "镜像正在使用");
        return EventEnvelope.of("policy-evaluator", new RefundRejected(refundId, "RF-2026-100001", "o-" + refundId,
                new Recipient(customer, customer + "@example.com", "en"), clock.instant(), "2026.11-1",
                "image.in-use", "IMAGE_IN_USE", reason, reason), clock);
    }

    @TestConfiguration
    static class Listener {

        @Bean
        ScriptedDecisions scriptedDecisions(RecordBatches batches, JdbcTemplate jdbc) {
            jdbc.execute("create table if not exists refused_after_retry_test (seq bigserial,"
                    + " event_id text primary key, refund_id text not null)");
            return new ScriptedDecisions(batches, jdbc);
        }
    }

    /** Keeps each decision, except one whose failure the test scripts (and changes while it is retried). */
    static class ScriptedDecisions {

        private final RecordBatches batches;
        private final JdbcTemplate jdbc;
        private final Map<String, Supplier<RuntimeException>> failures = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        ScriptedDecisions(RecordBatches batches, JdbcTemplate jdbc) {
            this.batches = batches;
            this.jdbc = jdbc;
        }

        @KafkaListener(id = LISTENER, topics = Topics.DECISIONS, autoStartup = "false",
                containerFactory = RecordBatches.CONTAINER_FACTORY)
        void on(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
            batches.eachEvent(records, event -> {
                Supplier<RuntimeException> failure = failures.get(event.id());
                if (failure != null) {
                    attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
                    throw failure.get();
                }
                jdbc.update("insert into refused_after_retry_test (event_id, refund_id) values (?, ?)", event.id(),
                        ((RefundRejected) event.data()).refundId());
            });
        }

        void failWith(String eventId, Supplier<RuntimeException> failure) {
            failures.put(eventId, failure);
        }

        int attempts(String eventId) {
            AtomicInteger count = attempts.get(eventId);
            return count == null ? 0 : count.get();
        }
    }
}
