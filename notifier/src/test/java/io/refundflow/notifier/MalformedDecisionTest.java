package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** A decision that breaks the contract is dead-lettered with its cause; the decisions behind it still flow. */
@SpringBootTest
@WithRealInfrastructure
@ActiveProfiles("test")
class MalformedDecisionTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aMalformedDecisionIsDeadLetteredAndTheNextDecisionOfItsRefundIsStillEmailed() {
        // given a decision with broken JSON, followed on the same partition by a valid one for the same refund
        String refundId = Decisions.refundId();
        Recipient customer = Decisions.customer("en");
        EncodedEvent broken = kafka.codec().encode(Decisions.event(Decisions.rejected(refundId, customer)));
        RefundRejected validDecision = Decisions.rejected(refundId, customer);
        EventEnvelope<?> valid = Decisions.event(validDecision);
        BillingCopy.holdsOrderOf(kafka, jdbc, validDecision);

        // when
        kafka.publishRaw(Topics.DECISIONS, refundId, broken.headers(),
                "{\"refundId\": \"".getBytes(StandardCharsets.UTF_8));
        kafka.publish(valid);

        // then the broken one is dead-lettered, saying what is wrong with it
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                KafkaTestClient.withKey(refundId), 1, PATIENCE).get(0);
        assertThat(KafkaTestClient.header(deadLetter, "ce_id")).isEqualTo(broken.eventId());
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message")).contains("malformed JSON");
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(Topics.DECISIONS);

        // and the valid one is emailed, once
        var emails = RealInfrastructure.get().smtp().awaitMessagesTo(customer.email(), 1, PATIENCE);
        assertThat(emails).extracting(Emails::messageId).containsExactly("<" + valid.id() + "@refundflow.notifier>");
    }
}
