package io.refundflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker the local run, the fault suite and the benchmark use: each topic has only the writers it should. */
class SecuredKafkaTest {

    private static LocalKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = TestBroker.start(Path.of("target", "secured-kafka-test").toAbsolutePath());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void partnerMayPublishOnThePartnersRequestTopic() throws Exception {
        assertThat(send(kafka.user(KafkaAccess.PARTNER), Topics.PARTNER_REQUESTS).topic())
                .isEqualTo(Topics.PARTNER_REQUESTS);
    }

    @Test
    void partnerMayNotWriteTheTrustedRequestTopic() {
        assertRefused(KafkaAccess.PARTNER, Topics.REQUESTS);
    }

    @Test
    void partnerMayNotWriteDecisions() {
        assertRefused(KafkaAccess.PARTNER, Topics.DECISIONS);
    }

    @Test
    void partnerMayNotWriteNotifications() {
        assertRefused(KafkaAccess.PARTNER, Topics.NOTIFICATIONS);
    }

    @Test
    void partnerMayNotWriteBillingOrders() {
        assertRefused(KafkaAccess.PARTNER, Topics.BILLING_ORDERS);
    }

    @Test
    void partnerMayNotWriteBillingRefunds() {
        assertRefused(KafkaAccess.PARTNER, Topics.BILLING_REFUNDS);
    }

    @Test
    void billingMayNotWriteDecisions() {
        assertRefused(KafkaAccess.BILLING, Topics.DECISIONS);
    }

    @Test
    void notifierMayNotWriteDecisions() {
        assertRefused(KafkaAccess.NOTIFIER, Topics.DECISIONS);
    }

    @Test
    void evaluatorMayNotWriteTheTrustedRequestTopic() {
        assertRefused(KafkaAccess.EVALUATOR, Topics.REQUESTS);
    }

    @Test
    void onlyIntakeWritesTheTrustedRequestTopic() throws Exception {
        assertThat(send(kafka.user(KafkaAccess.INTAKE), Topics.REQUESTS).topic()).isEqualTo(Topics.REQUESTS);
    }

    @Test
    void evaluatorWritesDecisions() throws Exception {
        assertThat(send(kafka.user(KafkaAccess.EVALUATOR), Topics.DECISIONS).topic()).isEqualTo(Topics.DECISIONS);
    }

    @Test
    void billingWritesItsSettlements() throws Exception {
        assertThat(send(kafka.user(KafkaAccess.BILLING), Topics.BILLING_REFUNDS).topic())
                .isEqualTo(Topics.BILLING_REFUNDS);
    }

    @Test
    void clientWithAWrongPasswordCannotSignIn() {
        KafkaUser impostor = new KafkaUser(KafkaAccess.EVALUATOR, "guessed");

        assertThatThrownBy(() -> send(impostor, Topics.DECISIONS))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void clientFilesSignInAsTheirPrincipal() throws Exception {
        Path directory = Path.of("target", "secured-kafka-test-clients");

        kafka.writeClientFiles(directory);

        String partner = Files.readString(directory.resolve(KafkaAccess.PARTNER + ".properties"));
        assertThat(partner).contains("security.protocol=SASL_PLAINTEXT", "sasl.mechanism=SCRAM-SHA-256",
                "username=\"partner\"", "bootstrap.servers=" + kafka.bootstrapServers());
    }

    private static void assertRefused(String user, String topic) {
        assertThatThrownBy(() -> send(kafka.user(user), topic))
                .as("%s writing %s", user, topic)
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    private static RecordMetadata send(KafkaUser user, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(user.clientProperties(kafka.bootstrapServers()));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, "k", "probe")).get(20, TimeUnit.SECONDS);
        }
    }
}
