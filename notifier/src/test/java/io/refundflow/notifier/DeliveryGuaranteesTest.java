package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.SmtpServer;
import io.refundflow.testsupport.WithRealInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Exactly one email per decision: across redeliveries, SMTP outages, and in each refund's decision order. */
@SpringBootTest
@WithRealInfrastructure
@ActiveProfiles("test")
class DeliveryGuaranteesTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Money AMOUNT = Money.of("88.00", "CNY");

    private final SmtpServer smtp = RealInfrastructure.get().smtp();

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @AfterEach
    void smtpIsBack() {
        smtp.restart();
    }

    @Test
    void aRedeliveredDecisionIsNotEmailedAgain() {
        // given a decision that reaches the notifier twice (same event id), followed by a later one
        Recipient customer = Decisions.customer("en");
        String refundId = Decisions.refundId();
        EventEnvelope<?> decision = Decisions.event(Decisions.manualReview(refundId, customer, AMOUNT));
        EventEnvelope<?> later = Decisions.event(Decisions.reviewed(refundId, customer, true, AMOUNT));
        billingHoldsOrderOf(decision);

        // when
        kafka.publish(decision);
        kafka.publish(decision);
        kafka.publish(later);

        // then the later decision's email arrives, and the duplicate produced none
        List<MimeMessage> emails = smtp.awaitMessagesTo(customer.email(), 2, PATIENCE);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> smtp.messagesTo(customer.email()).size() == 2);
        assertThat(emails).extracting(Emails::messageId)
                .containsExactly(messageId(decision), messageId(later));
        assertThat(deliveryRows(refundId)).isEqualTo(2);
    }

    @Test
    void decisionsArrivingDuringAnSmtpOutageAreEmailedExactlyOnceWhenItReturns() {
        // given the mail server is down
        smtp.stop();
        List<Recipient> customers = new ArrayList<>();
        List<EventEnvelope<?>> decisions = approvalsForNewCustomers(4, customers);

        // when decisions for several refunds arrive and the sender has retried each at least once
        decisions.forEach(kafka::publish);
        await().atMost(PATIENCE).until(() -> decisions.stream().allMatch(decision -> attempts(decision) >= 2));
        for (EventEnvelope<?> decision : decisions) {
            assertThat(status(decision)).isEqualTo("PENDING");
        }
        smtp.restart();

        // then every customer gets their email exactly once, and each is announced as sent
        // (the notifications topic read once for the four refunds, not once per refund: a reader each took ~0.4 s)
        List<String> refunds = decisions.stream().map(EventEnvelope::subject).toList();
        Map<String, List<EventEnvelope<?>>> announced = kafka.await(Topics.NOTIFICATIONS,
                record -> refunds.contains(record.key()), decisions.size(), PATIENCE).stream()
                .collect(Collectors.groupingBy(record -> record.key(), Collectors.mapping(kafka::decode,
                        Collectors.toList())));
        for (int i = 0; i < decisions.size(); i++) {
            EventEnvelope<?> decision = decisions.get(i);
            MimeMessage email = smtp.awaitMessagesTo(customers.get(i).email(), 1, PATIENCE).get(0);
            assertThat(Emails.messageId(email)).isEqualTo(messageId(decision));
            assertThat(announced.get(decision.subject())).as("notifications of %s", decision.subject()).isNotEmpty();
            RefundNotified notified = (RefundNotified) announced.get(decision.subject()).get(0).data();
            assertThat(notified.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(notified.decisionEventId()).isEqualTo(decision.id());
        }
        awaitEachEmailedOnlyOnce(customers);
        Map<String, Long> notifications = kafka.readToEnd(Topics.NOTIFICATIONS, record -> refunds.contains(record.key()),
                PATIENCE).stream().collect(Collectors.groupingBy(record -> record.key(), Collectors.counting()));
        for (EventEnvelope<?> decision : decisions) {
            assertThat(status(decision)).isEqualTo("SENT");
            assertThat(notifications.get(decision.subject())).as("notifications of %s", decision.subject())
                    .isEqualTo(1L);
        }
    }

    @Test
    void aBusyRoundEmailsEveryCustomerExactlyOnce() {
        // given forty decisions held back by a mail server that is down, so that they go out in one busy round
        // (split over the notifier's SMTP connections)
        smtp.stop();
        List<Recipient> customers = new ArrayList<>();
        List<EventEnvelope<?>> decisions = approvalsForNewCustomers(40, customers);
        // (each wait below is one for all forty: forty waits of at least a poll interval each took seconds)
        decisions.forEach(kafka::publish);
        await().atMost(PATIENCE).until(() -> decisions.stream().allMatch(decision -> attempts(decision) >= 1));

        // when the mail server is back
        smtp.restart();

        // then every customer gets their own email exactly once, and each is recorded as sent
        await().atMost(PATIENCE).until(() -> customers.stream()
                .allMatch(customer -> !smtp.messagesTo(customer.email()).isEmpty()));
        for (int i = 0; i < decisions.size(); i++) {
            MimeMessage email = smtp.messagesTo(customers.get(i).email()).get(0);
            assertThat(Emails.messageId(email)).isEqualTo(messageId(decisions.get(i)));
        }
        awaitEachEmailedOnlyOnce(customers);
        await().atMost(PATIENCE).until(() -> decisions.stream().allMatch(decision -> "SENT".equals(status(decision))));
    }

    @Test
    void aRefundsLaterDecisionWaitsUntilItsEarlierOneIsSent() {
        // given the mail server is down when "under review" and then the final result arrive for one refund
        smtp.stop();
        Recipient customer = Decisions.customer("zh");
        String refundId = Decisions.refundId();
        EventEnvelope<?> underReview = Decisions.event(Decisions.manualReview(refundId, customer, AMOUNT));
        EventEnvelope<?> result = Decisions.event(Decisions.reviewed(refundId, customer, true, AMOUNT));
        billingHoldsOrderOf(underReview);
        kafka.publish(underReview);
        kafka.publish(result);

        // when the earlier email has been retried while the later one is recorded
        await().atMost(PATIENCE).until(() -> attempts(underReview) >= 2 && status(result) != null);

        // then the later one was never tried ahead of it
        assertThat(attempts(result)).isZero();

        // and once the server is back they arrive in decision order
        smtp.restart();
        List<MimeMessage> emails = smtp.awaitMessagesTo(customer.email(), 2, PATIENCE);
        assertThat(emails).extracting(Emails::messageId).containsExactly(messageId(underReview), messageId(result));
        assertThat(Emails.subject(emails.get(0))).contains("正在人工审核");
        assertThat(Emails.subject(emails.get(1))).contains("经审核已批准");
    }

    @Test
    void anSmtpOutageDoesNotHoldUpConsumingDecisions() {
        // given the mail server is down
        smtp.stop();
        EventEnvelope<?> decision = Decisions.event(
                Decisions.rejected(Decisions.refundId(), Decisions.customer("en")));
        billingHoldsOrderOf(decision);

        // when a decision arrives
        kafka.publish(decision);

        // then it is recorded at once, waiting for the server
        await().atMost(PATIENCE).until(() -> "PENDING".equals(status(decision)));

        // and sent once the server is back
        smtp.restart();
        await().atMost(PATIENCE).until(() -> "SENT".equals(status(decision)));
    }

    /**
     * An approval each for {@code count} new customers (added to {@code customers}), alternately en and zh, whose
     * orders billing holds.
     */
    private List<EventEnvelope<?>> approvalsForNewCustomers(int count, List<Recipient> customers) {
        List<EventEnvelope<?>> decisions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Recipient customer = Decisions.customer(i % 2 == 0 ? "en" : "zh");
            customers.add(customer);
            decisions.add(Decisions.event(Decisions.approved(Decisions.refundId(), customer, AMOUNT)));
        }
        BillingCopy.holdOrdersOf(kafka, jdbc, decisions.stream().map(d -> (RefundDecision) d.data()).toList());
        return decisions;
    }

    /** No customer gets a second copy, even a while after the first arrived. */
    private void awaitEachEmailedOnlyOnce(List<Recipient> customers) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> customers.stream()
                .allMatch(customer -> smtp.messagesTo(customer.email()).size() == 1));
    }

    private void billingHoldsOrderOf(EventEnvelope<?> decision) {
        BillingCopy.holdsOrderOf(kafka, jdbc, (RefundDecision) decision.data());
    }

    private int deliveryRows(String refundId) {
        Integer rows = jdbc.queryForObject("select count(*) from email_delivery where refund_id = ?", Integer.class,
                refundId);
        return rows == null ? 0 : rows;
    }

    private int attempts(EventEnvelope<?> decision) {
        List<Integer> attempts = jdbc.queryForList(
                "select attempts from email_delivery where decision_event_id = ?", Integer.class, decision.id());
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    private String status(EventEnvelope<?> decision) {
        List<String> status = jdbc.queryForList(
                "select status from email_delivery where decision_event_id = ?", String.class, decision.id());
        return status.isEmpty() ? null : status.get(0);
    }

    private static String messageId(EventEnvelope<?> decision) {
        return "<" + decision.id() + "@refundflow.notifier>";
    }
}
