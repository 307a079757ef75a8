package io.refundflow.platform.inbox;

import static io.refundflow.platform.inbox.SetOrientedHandlerTest.settlement;
import static io.refundflow.platform.inbox.SetOrientedHandlerTest.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A poll that a set-oriented handler cannot handle as a set, over a real broker and PostgreSQL: its records are
 * handled again one at a time, so the one that fails is found and refused alone and the others are kept.
 */
@SpringBootTest(properties = "spring.application.name=" + SetFailureTest.GROUP)
@WithRealInfrastructure
@Import(HandlersStartedByTheTest.class)
class SetFailureTest {

    private static final String TOPIC = Topics.BILLING_REFUNDS;
    static final String GROUP = "platform-set-failure-test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    JdbcTemplate jdbc;

    /** Other tests' records on the topic, a malformed one among them, would send the polls one record at a time. */
    @BeforeAll
    static void readOnlyWhatThisTestPublishes() {
        kafka.skipToEnd(GROUP, TOPIC);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void whenThePollFailsAsASetItsRecordsAreHandledOneAtATimeAndOnlyTheFailingOneIsRefused() {
        // given a good settlement, one the handler refuses, and another good one, waiting in one partition
        String orderId = "o-" + UUID.randomUUID();
        EventEnvelope<BillingRefund> poison = settlement("poison-" + orderId, orderId);
        kafka.publish(TOPIC, settlement("r-a-" + orderId, orderId));
        kafka.publish(TOPIC, poison);
        kafka.publish(TOPIC, settlement("r-c-" + orderId, orderId));

        // when the listener starts and reads them in one poll
        listeners.getListenerContainer(TOPIC).start();

        // then the good ones are kept once each, the one before the refused one by itself (no set call kept it),
        // and the refused one is dead-lettered with the handler's reason
        Awaitility.await().atMost(WAIT).until(() -> stored(jdbc, orderId).size() >= 2);
        assertThat(stored(jdbc, orderId)).containsExactly("r-a-" + orderId, "r-c-" + orderId);
        assertThat(jdbc.queryForObject("select call from set_handler_test where refund_id = ?", Integer.class,
                "r-a-" + orderId)).isNull();
        assertThat(kafka.await(Topics.deadLetter(TOPIC),
                record -> poison.id().equals(KafkaTestClient.header(record, "ce_id")), 1, WAIT))
                .extracting(record -> KafkaTestClient.header(record, "kafka_dlt-exception-message"))
                .containsExactly("refused by the test's handler");
    }


    @TestConfiguration
    static class Handler {

        @Bean
        SetOrientedHandlerTest.SettlementSets settlementSets(JdbcTemplate jdbc) {
            return new SetOrientedHandlerTest.SettlementSets(jdbc, TOPIC);
        }
    }
}
