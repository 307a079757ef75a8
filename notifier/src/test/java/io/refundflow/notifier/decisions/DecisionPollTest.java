package io.refundflow.notifier.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.Topics;
import io.refundflow.notifier.BillingCopy;
import io.refundflow.notifier.Decisions;
import io.refundflow.notifier.Emails;
import io.refundflow.notifier.sending.DeliverySender;
import io.refundflow.notifier.sending.NotifierOnItsOwnDatabase;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.SmtpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A poll of decisions is recorded as a set ({@link DecisionListener#handleAll}): the emails of the whole poll in one
 * statement, each decision emailed once; a refused decision in it is refused alone and the others are still emailed.
 * Each test publishes its decisions while the notifier's listener is paused, so that they come in one poll. The
 * notifier runs on a database of its own, where only this test's decisions and orders are.
 */
class DecisionPollTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Money AMOUNT = Money.of("88.00", "CNY");
    /** Twice the consumer's {@code fetch.max.wait.ms} (Kafka's default, 500 ms, which the notifier keeps). */
    private static final Duration IN_FLIGHT_FETCH = Duration.ofSeconds(1);
    private static final SmtpServer smtp = RealInfrastructure.get().smtp();
    private static NotifierOnItsOwnDatabase notifier;

    private MessageListenerContainer decisions;

    /**
     * The notifier, once every consumer of its group holds its partitions: it reads the decisions published from
     * then on. (Its group has committed no offset yet, so a rebalance later on would move a consumer of the
     * decisions to the end of the topic, past what a test has just published, or split them over two polls.)
     */
    @BeforeAll
    static void startNotifierOnItsOwnDatabase() {
        notifier = new NotifierOnItsOwnDatabase("notifier_polls", smtp.port());
        await().atMost(PATIENCE).until(() -> notifier.bean(KafkaListenerEndpointRegistry.class)
                .getListenerContainers().stream().allMatch(DecisionPollTest::eachConsumerHoldsPartitions));
    }

    private static boolean eachConsumerHoldsPartitions(MessageListenerContainer listener) {
        Map<String, Collection<TopicPartition>> assigned = listener.getAssignmentsByClientId();
        return assigned != null
                && assigned.size() == ((ConcurrentMessageListenerContainer<?, ?>) listener).getConcurrency()
                && assigned.values().stream().noneMatch(Collection::isEmpty);
    }

    @AfterAll
    static void stop() {
        try {
            kafka.close();
        } finally {
            notifier.close();
        }
    }

    /**
     * The listener paused at its position, the sender stopped: what is published from now on is neither read
     * nor sent until the test says.
     */
    @BeforeEach
    void holdTheDecisionsBack() throws InterruptedException {
        decisions = decisionsListener();
        decisions.pause();
        await().atMost(PATIENCE).until(decisions::isContainerPaused);
        // a fetch sent before the pause may still wait at the broker, and would bring the first record published
        // into a poll of its own: it has its answer once the fetch's longest wait has passed
        Thread.sleep(IN_FLIGHT_FETCH.toMillis());
        notifier.bean(DeliverySender.class).stop();
    }

    @AfterEach
    void resume() {
        decisions.resume();
        DeliverySender sender = notifier.bean(DeliverySender.class);
        if (!sender.isRunning()) {
            sender.start();
        }
    }

    private static MessageListenerContainer decisionsListener() {
        return notifier.bean(KafkaListenerEndpointRegistry.class).getListenerContainer(Topics.DECISIONS);
    }

    @Test
    void aPollOfDecisionsRecordsOneEmailEachWithOneStatementAndEmailsEachOnce() {
        // given three decisions of one refund waiting in one partition
        Recipient customer = Decisions.customer("en");
        String refundId = Decisions.refundId();
        var review = Decisions.manualReview(refundId, customer, AMOUNT);
        List<EventEnvelope<?>> published = List.of(Decisions.event(review),
                Decisions.event(Decisions.evidenceRequested(refundId, customer, "A photo of the server, please")),
                Decisions.event(Decisions.reviewed(refundId, customer, true, AMOUNT)));
        billingHoldsOrderOf(review);
        published.forEach(kafka::publish);

        // when the listener reads them in one poll
        decisions.resume();

        // then their emails are recorded in their order, all three by one statement of one transaction
        await().atMost(PATIENCE).until(() -> recorded(refundId).size() == 3);
        assertThat(recorded(refundId)).containsExactlyElementsOf(ids(published));
        assertThat(statementsThatRecorded(refundId)).isEqualTo(1);

        // and once sent, the customer has each exactly once
        notifier.bean(DeliverySender.class).start();
        assertThat(smtp.awaitOnlyMessagesTo(customer.email(), 3, Duration.ofSeconds(2), PATIENCE))
                .extracting(Emails::messageId).containsExactlyElementsOf(messageIds(published));
    }

    @Test
    void aDecisionDeliveredTwiceInOnePollIsEmailedOnce() {
        // given a decision published twice (a redelivery: the same event id) and a later one, in one partition
        Recipient customer = Decisions.customer("zh");
        String refundId = Decisions.refundId();
        var review = Decisions.manualReview(refundId, customer, AMOUNT);
        EventEnvelope<?> first = Decisions.event(review);
        EventEnvelope<?> later = Decisions.event(Decisions.reviewed(refundId, customer, false, null));
        billingHoldsOrderOf(review);
        kafka.publish(first);
        kafka.publish(first);
        kafka.publish(later);

        // when the listener reads them in one poll
        decisions.resume();

        // then one email each is recorded, by one statement, and sent once
        await().atMost(PATIENCE).until(() -> recorded(refundId).size() >= 2);
        assertThat(recorded(refundId)).containsExactly(first.id(), later.id());
        assertThat(statementsThatRecorded(refundId)).isEqualTo(1);
        notifier.bean(DeliverySender.class).start();
        assertThat(smtp.awaitOnlyMessagesTo(customer.email(), 2, Duration.ofSeconds(2), PATIENCE))
                .extracting(Emails::messageId).containsExactlyElementsOf(messageIds(List.of(first, later)));
    }

    @Test
    void aRefusedDecisionInAPollIsRefusedAloneAndTheOthersAreEmailedOnce() {
        // given a forged decision (another customer named for the order) between two genuine ones, in one partition
        Recipient customer = Decisions.customer("en");
        Recipient someoneElse = Decisions.customer("en");
        String refundId = Decisions.refundId();
        var review = Decisions.manualReview(refundId, customer, AMOUNT);
        EventEnvelope<?> before = Decisions.event(review);
        EventEnvelope<?> forged = Decisions.event(Decisions.approved(refundId, someoneElse, AMOUNT));
        EventEnvelope<?> after = Decisions.event(Decisions.reviewed(refundId, customer, true, AMOUNT));
        billingHoldsOrderOf(review);
        kafka.publish(before);
        kafka.publish(forged);
        kafka.publish(after);

        // when the listener reads them in one poll
        decisions.resume();

        // then the forged one is dead-lettered with its cause, and nobody is emailed for it
        assertThat(kafka.await(Topics.deadLetter(Topics.DECISIONS),
                record -> forged.id().equals(KafkaTestClient.header(record, "ce_id"))
                        && KafkaTestClient.header(record, "kafka_dlt-exception-message")
                                .contains("is not the customer billing holds"), 1, PATIENCE)).hasSize(1);
        // and the genuine ones are recorded once each and emailed once each
        await().atMost(PATIENCE).until(() -> recorded(refundId).size() >= 2);
        assertThat(recorded(refundId)).containsExactly(before.id(), after.id());
        notifier.bean(DeliverySender.class).start();
        assertThat(smtp.awaitOnlyMessagesTo(customer.email(), 2, Duration.ofSeconds(2), PATIENCE))
                .extracting(Emails::messageId).containsExactlyElementsOf(messageIds(List.of(before, after)));
        assertThat(smtp.messagesTo(someoneElse.email())).isEmpty();
    }

    private static void billingHoldsOrderOf(RefundDecision decision) {
        Clock clock = Clock.systemUTC();
        notifier.bean(BillingOrders.class).store(BillingCopy.order(decision.header().orderId(),
                decision.header().recipient(), Money.of("199.00", "CNY"), clock), clock.instant());
    }

    /** The decisions whose emails are recorded for the refund, in the order they were recorded. */
    private static List<String> recorded(String refundId) {
        return notifier.bean(JdbcTemplate.class).queryForList(
                "select decision_event_id from email_delivery where refund_id = ? order by seq", String.class,
                refundId);
    }

    /**
     * How many statements wrote the refund's email rows: a row's transaction ({@code xmin}) and command within it
     * ({@code cmin}) are the statement that inserted it, while the row is not updated yet (the sender is paused).
     */
    private static int statementsThatRecorded(String refundId) {
        Integer statements = notifier.bean(JdbcTemplate.class).queryForObject("""
                select count(distinct (xmin::text, cmin::text)) from email_delivery where refund_id = ?""",
                Integer.class, refundId);
        return statements == null ? 0 : statements;
    }

    private static List<String> ids(List<EventEnvelope<?>> events) {
        return events.stream().map(EventEnvelope::id).toList();
    }

    private static List<String> messageIds(List<EventEnvelope<?>> events) {
        return events.stream().map(event -> "<" + event.id() + "@refundflow.notifier>").toList();
    }
}
