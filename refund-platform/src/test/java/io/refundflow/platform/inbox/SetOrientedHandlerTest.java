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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A handler that works on a poll as a set ({@link EventHandler#handleAll}), over a real broker and PostgreSQL: it
 * gets the poll's new events in one call, deduplicated in one statement. (When the set fails:
 * {@link SetFailureTest}.)
 */
@SpringBootTest(properties = "spring.application.name=" + SetOrientedHandlerTest.GROUP)
@WithRealInfrastructure
@Import(HandlersStartedByTheTest.class)
class SetOrientedHandlerTest {

    private static final String TOPIC = Topics.BILLING_REFUNDS;
    static final String GROUP = "platform-set-oriented-handler-test";
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
    void aPollsNewEventsReachTheHandlerInOneCallInTheirOrderEachOnce() {
        // given three settlements of one order, the first published twice (a redelivery: same event id), and a
        // fourth whose event id was processed before, all waiting in one partition for a listener not yet started
        String orderId = "o-" + UUID.randomUUID();
        EventEnvelope<BillingRefund> first = settlement("r-1-" + orderId, orderId);
        EventEnvelope<BillingRefund> seenBefore = settlement("r-0-" + orderId, orderId);
        jdbc.update("insert into processed_event (event_id) values (?)", seenBefore.id());
        kafka.publish(TOPIC, first);
        kafka.publish(TOPIC, seenBefore);
        kafka.publish(TOPIC, settlement("r-2-" + orderId, orderId));
        kafka.publish(TOPIC, first);
        kafka.publish(TOPIC, settlement("r-3-" + orderId, orderId));

        // when the listener starts and reads them in one poll
        listeners.getListenerContainer(TOPIC).start();

        // then the three new ones were handed over together, in their order, and none of them twice
        Awaitility.await().atMost(WAIT).until(() -> stored(jdbc, orderId).size() >= 3);
        assertThat(stored(jdbc, orderId)).containsExactly("r-1-" + orderId, "r-2-" + orderId, "r-3-" + orderId);
        assertThat(jdbc.queryForList("select distinct call from set_handler_test where order_id = ?", Integer.class,
                orderId)).as("calls that handed them over").hasSize(1).doesNotContainNull();
    }

    static List<String> stored(JdbcTemplate jdbc, String orderId) {
        return jdbc.queryForList("select refund_id from set_handler_test where order_id = ? order by seq",
                String.class, orderId);
    }

    static EventEnvelope<BillingRefund> settlement(String refundId, String orderId) {
        Clock clock = Clock.systemUTC();
        return EventEnvelope.of("billing", new BillingRefund(refundId, orderId, Money.of("1.00", "CNY"),
                SettlementStatus.EXECUTED, null, clock.instant()), clock);
    }

    @TestConfiguration
    static class Handler {

        @Bean
        SettlementSets settlementSets(JdbcTemplate jdbc) {
            return new SettlementSets(jdbc, TOPIC);
        }
    }

    /**
     * Stores a poll's settlements with one statement, numbering the call that stored them; a poll with a poisoned
     * one fails as a whole, as one statement does, and one at a time only the poisoned one is refused.
     */
    static class SettlementSets implements EventHandler<BillingRefund> {

        private final JdbcTemplate jdbc;
        private final String topic;
        private final AtomicInteger calls = new AtomicInteger();

        SettlementSets(JdbcTemplate jdbc, String topic) {
            this.jdbc = jdbc;
            this.topic = topic;
            jdbc.execute("create table if not exists set_handler_test (seq bigserial, refund_id text primary key,"
                    + " order_id text not null, call integer)");
        }

        @Override
        public Subscription<BillingRefund> subscription() {
            return Subscription.of(topic, BillingRefund.class, BillingRefund::refundId);
        }

        @Override
        public void handleAll(List<Delivery<BillingRefund>> settlements) {
            List<BillingRefund> refunds = settlements.stream().map(Delivery::payload).toList();
            if (refunds.stream().anyMatch(refund -> refund.refundId().startsWith("poison"))) {
                throw new IllegalStateException("a poisoned settlement sinks the statement");
            }
            int call = calls.incrementAndGet();
            jdbc.update("""
                    insert into set_handler_test (refund_id, order_id, call)
                    select unnest(?::text[]), unnest(?::text[]), ?""",
                    refunds.stream().map(BillingRefund::refundId).toArray(String[]::new),
                    refunds.stream().map(BillingRefund::orderId).toArray(String[]::new), call);
        }

        @Override
        public void handle(Delivery<BillingRefund> delivery) {
            BillingRefund refund = delivery.payload();
            if (refund.refundId().startsWith("poison")) {
                throw new InvalidEventException("refused by the test's handler");
            }
            jdbc.update("insert into set_handler_test (refund_id, order_id) values (?, ?)", refund.refundId(),
                    refund.orderId());
        }
    }
}
