package io.refundflow.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.Topics;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.RecordBatches;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service's copy of billing.orders kept by {@link BillingOrderCopy}, over a real broker and PostgreSQL: a poll's
 * orders are stored with one statement, an order that came twice in it as its last version, and a tombstone
 * among them deletes at its place in the poll. Each test publishes its records before the listener starts, so
 * that they come in one poll (one key, one partition), and stops the listener after.
 */
@SpringBootTest(properties = {"spring.application.name=" + BillingOrderCopyTest.GROUP,
        "spring.datasource.hikari.schema=" + BillingOrderCopyTest.SCHEMA,
        "spring.flyway.schemas=" + BillingOrderCopyTest.SCHEMA,
        "spring.flyway.locations=classpath:db/platform,classpath:db/billing"})
@WithRealInfrastructure
@Import({BillingOrders.class, BillingOrderCopy.class, StatementLog.class,
        BillingOrderCopyTest.ListenerStartedByTheTest.class})
class BillingOrderCopyTest {

    static final String GROUP = "platform-billing-order-copy-test";
    /** A schema of its own: the other platform tests' schema has no billing copy. */
    static final String SCHEMA = "platform_billing_test";
    private static final String TOPIC = Topics.BILLING_ORDERS;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int ORDERS_IN_A_POLL = 200;
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    BillingOrders orders;
    @Autowired
    BillingOrderCopy copy;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    /**
     * Other tests' records on the topic, a malformed one among them, would send the polls one record at a time;
     * the topic exists once the context has created it, and the group can be moved while its listener is stopped.
     */
    @BeforeEach
    void readOnlyWhatThisTestPublishes() {
        kafka.skipToEnd(GROUP, TOPIC);
        StatementLog.clear();
    }

    @AfterEach
    void stopListener() {
        listeners.getListenerContainer(TOPIC).stop();
    }

    @Test
    void twoVersionsOfOneOrderInOnePollLeaveTheLaterOneStoredWithOneStatement() {
        // given an order published twice, paid and then partly refunded, waiting for the listener
        String orderId = "o-" + UUID.randomUUID();
        publish(order(orderId, "10.00", null));
        RecordMetadata last = publish(order(orderId, "10.00", "4.00"));

        // when the listener reads both in one poll
        consume(last);

        // then the copy holds the later version, stored by one statement (not the set refused and then each alone)
        assertThat(orders.find(orderId)).hasValueSatisfying(
                stored -> assertThat(stored.refunded()).isEqualTo(Money.of("4.00", "CNY")));
        assertThat(StatementLog.on("insert into billing_order")).hasSize(1);
    }

    @Test
    void aTombstoneInAPollDeletesAtItsPlaceBetweenTheVersions() {
        // given an order paid, forgotten by billing and paid again; another paid, refunded and then forgotten
        String recreated = "o-" + UUID.randomUUID();
        String forgotten = "o-" + UUID.randomUUID();
        publish(order(recreated, "10.00", null));
        tombstone(recreated);
        publish(order(recreated, "20.00", null));
        publish(order(forgotten, "10.00", null));
        publish(order(forgotten, "10.00", "4.00"));
        RecordMetadata lastOfForgotten = tombstone(forgotten);
        RecordMetadata lastOfRecreated = publish(order(recreated, "20.00", "5.00"));

        // when the listener reads them
        consume(lastOfForgotten, lastOfRecreated);

        // then the first was deleted and stored again, its last version kept; the second is gone
        assertThat(orders.find(recreated)).hasValueSatisfying(stored -> {
            assertThat(stored.paidAmount()).isEqualTo(Money.of("20.00", "CNY"));
            assertThat(stored.refunded()).isEqualTo(Money.of("5.00", "CNY"));
        });
        assertThat(orders.find(forgotten)).isEmpty();
    }

    @Test
    void aPollOfManyOrdersIsStoredWithOneStatementEachAsPublished() {
        // given a poll of orders, some of them partly refunded
        List<BillingOrder> poll = new ArrayList<>();
        for (int i = 0; i < ORDERS_IN_A_POLL; i++) {
            poll.add(order("o-" + UUID.randomUUID(), String.format("10.%02d", i % 100), i % 3 == 0 ? "1.00" : null));
        }

        // when the copy gets it as one set
        transactions.executeWithoutResult(status -> copy.handleAll(poll.stream().map(BillingOrderCopyTest::delivery)
                .toList()));

        // then one statement stored every one of them, as billing published it
        assertThat(StatementLog.on("insert into billing_order")).hasSize(1);
        Map<String, BillingOrder> stored = orders.findAll(poll.stream().map(BillingOrder::orderId).toList());
        assertThat(poll).allSatisfy(order -> assertThat(stored.get(order.orderId())).isEqualTo(order));
    }

    /** Starts the listener and waits until the group has committed past these records. */
    private void consume(RecordMetadata... lastRecords) {
        listeners.getListenerContainer(TOPIC).start();
        for (RecordMetadata last : lastRecords) {
            kafka.awaitConsumed(GROUP, last, WAIT);
        }
    }

    private static RecordMetadata publish(BillingOrder order) {
        return kafka.publish(TOPIC, envelope(order));
    }

    private static RecordMetadata tombstone(String orderId) {
        return kafka.publishRaw(TOPIC, orderId, Map.of(), null);
    }

    private static Delivery<BillingOrder> delivery(BillingOrder order) {
        return new Delivery<>(order.orderId(), envelope(order), Optional.empty());
    }

    private static EventEnvelope<BillingOrder> envelope(BillingOrder order) {
        return EventEnvelope.of("billing", order, Clock.systemUTC());
    }

    /** A SAAS order paid a day ago in CNY, refunded this much already (or nothing). */
    static BillingOrder order(String orderId, String paid, String refunded) {
        Instant paidAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        return new BillingOrder(orderId, "c-1", "c-1@example.invalid", "en", ProductKind.SAAS,
                BillingMode.SUBSCRIPTION, Money.of(paid, "CNY"), paidAt, paidAt, paidAt.plus(365, ChronoUnit.DAYS),
                null, null, refunded == null ? null : Money.of(refunded, "CNY"));
    }

    /** The billing listener starts only when a test starts it, by its id, the topic's name. */
    @TestConfiguration
    static class ListenerStartedByTheTest {

        @Bean
        static BeanPostProcessor listenerStartedByTheTest() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String name) {
                    if (RecordBatches.CONTAINER_FACTORY.equals(name)) {
                        ((AbstractKafkaListenerContainerFactory<?, ?, ?>) bean).setAutoStartup(false);
                    }
                    return bean;
                }
            };
        }
    }
}
