package io.refundflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

@SpringBootTest(properties = "spring.kafka.consumer.group-id=platform-dead-letter-test")
@WithRealInfrastructure
class DeadLetteringTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    ReceivedNotifications received;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void malformedEventIsDeadLetteredWithTheViolationAsCauseWhileTheNextEventIsConsumed() {
        // given a record that is not JSON, then a valid event behind it on the same partition
        String refundId = "r-" + UUID.randomUUID();
        kafka.publishRaw(Topics.NOTIFICATIONS, refundId, Map.of("ce_specversion", "1.0", "ce_id", "bad-" + refundId,
                "ce_source", "test", "ce_type", "io.refundflow.refund.notified.v1", "ce_time", "2026-11-23T08:00:00Z",
                "ce_subject", refundId), "{not json".getBytes(StandardCharsets.UTF_8));
        // from the notifier: the only producer the platform's consumers expect on refund.notifications
        EventEnvelope<RefundNotified> valid = EventEnvelope.of("notifier", new RefundNotified(refundId, "e-1",
                "io.refundflow.refund.approved.v1", NotificationStatus.SENT, "EMAIL", Clock.systemUTC().instant(), null),
                Clock.systemUTC());
        kafka.publish(valid);

        // then the bad one is on the dead-letter topic with its original bytes and the violation named
        List<ConsumerRecord<String, byte[]>> dead = kafka.await(Topics.deadLetter(Topics.NOTIFICATIONS),
                KafkaTestClient.withKey(refundId), 1, Duration.ofSeconds(30));
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(KafkaTestClient.header(dead.get(0), "kafka_dlt-exception-message"))
                .startsWith("payload: malformed JSON");
        assertThat(KafkaTestClient.header(dead.get(0), "kafka_dlt-exception-fqcn"))
                .isEqualTo("io.refundflow.events.InvalidEventException");
        assertThat(KafkaTestClient.header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(Topics.NOTIFICATIONS);

        // and the valid one behind it is consumed
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.ids().contains(valid.id()));
    }

    @TestConfiguration
    static class Listener {

        @Bean
        ReceivedNotifications receivedNotifications() {
            return new ReceivedNotifications();
        }
    }

    static class ReceivedNotifications {

        private final Set<String> ids = ConcurrentHashMap.newKeySet();

        @KafkaListener(topics = Topics.NOTIFICATIONS)
        void on(EventEnvelope<?> event) {
            ids.add(event.id());
        }

        Set<String> ids() {
            return ids;
        }
    }
}
