package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.Topics;
import io.refundflow.notifier.delivery.DeliveryRepository;
import io.refundflow.notifier.delivery.DeliverySender;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.testsupport.FreePort;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to an email the mail server will not take. The service's own sender is paused and a sender
 * pointed at another real server (one that refuses a recipient, or none at all) does the rounds, as the
 * outbox test does with a relay cut off from its broker.
 */
@SpringBootTest
@WithRealInfrastructure
@ActiveProfiles("test")
class SendFailureTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    DeliverySender serviceSender;
    @Autowired
    DeliveryRepository repository;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    NotifierProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    EventCodec codec;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @BeforeEach
    void pauseTheServicesSender() {
        await().atMost(PATIENCE).until(() -> pendingEmails() == 0); // earlier tests' emails are out
        serviceSender.stop();
    }

    @AfterEach
    void resumeTheServicesSender() {
        serviceSender.start();
    }

    @Test
    void anAddressTheMailServerRefusesIsRecordedAsFailedReportedAndNotRetried() {
        // given a mail host that knows one customer's mailbox but not the other's
        Recipient unknown = Decisions.customer("en");
        Recipient known = Decisions.customer("en");
        EventEnvelope<?> refused = Decisions.event(Decisions.rejected(Decisions.refundId(), unknown));
        EventEnvelope<?> accepted = Decisions.event(Decisions.rejected(Decisions.refundId(), known));
        kafka.publish(refused);
        kafka.publish(accepted);
        await().atMost(PATIENCE).until(() -> "PENDING".equals(status(refused)) && "PENDING".equals(status(accepted)));

        try (MailHostWithMailboxes host = new MailHostWithMailboxes(known.email())) {
            DeliverySender sender = senderTo(host.port(), properties);

            // when both are sent in one round
            sender.sendBatch();

            // then the refused one is failed with the server's answer, the other one delivered
            assertThat(status(refused)).isEqualTo("FAILED");
            assertThat(lastError(refused)).contains("550 5.1.1");
            assertThat(status(accepted)).isEqualTo("SENT");
            assertThat(host.messages()).extracting(Emails::messageId)
                    .containsExactly("<" + accepted.id() + "@refundflow.notifier>");

            // and the failure is reported with its cause
            RefundNotified notified = notification(refused);
            assertThat(notified.status()).isEqualTo(NotificationStatus.FAILED);
            assertThat(notified.detail()).contains("550 5.1.1").contains(unknown.email());

            // and it is not tried again
            assertThat(sender.sendBatch()).isZero();
            assertThat(attempts(refused)).isOne();
        }
    }

    @Test
    void anEmailThatCannotBeSentWithinTheRetryBudgetIsDeadLetteredWithItsCause() {
        // given a decision, and a sender whose mail server never answers and whose budget is two attempts
        Recipient customer = Decisions.customer("zh");
        EventEnvelope<?> decision = Decisions.event(
                Decisions.approved(Decisions.refundId(), customer, Money.of("9.90", "CNY")));
        kafka.publish(decision);
        await().atMost(PATIENCE).until(() -> "PENDING".equals(status(decision)));
        NotifierProperties twoAttempts = new NotifierProperties(null, null, null, null, null, null,
                new NotifierProperties.Retry(Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 2, null));
        DeliverySender sender = senderTo(FreePort.find(), twoAttempts);

        // when it keeps trying
        await().atMost(PATIENCE).until(() -> {
            sender.sendBatch();
            return "DEAD_LETTERED".equals(status(decision));
        });

        // then the decision is on the dead-letter topic, unchanged, with the cause
        assertThat(attempts(decision)).isEqualTo(2);
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                KafkaTestClient.withKey(decision.subject()), 1, PATIENCE).get(0);
        assertThat(kafka.decode(deadLetter)).isEqualTo(decision);
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message"))
                .contains("after 2 attempts").contains("Connection refused");
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(Topics.DECISIONS);

        // and the failure is reported, and nobody got an email
        RefundNotified notified = notification(decision);
        assertThat(notified.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(notified.detail()).contains("after 2 attempts");
        assertThat(RealInfrastructure.get().smtp().messagesTo(customer.email())).isEmpty();
    }

    private DeliverySender senderTo(int port, NotifierProperties with) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "2000");
        timeouts.put("mail.smtp.timeout", "2000");
        mail.setJavaMailProperties(timeouts);
        return new DeliverySender(repository, transactions, mail, outbox, with, clock, codec.mapper(), "notifier");
    }

    private RefundNotified notification(EventEnvelope<?> decision) {
        return (RefundNotified) kafka.awaitEvents(Topics.NOTIFICATIONS, decision.subject(), 1, PATIENCE).get(0).data();
    }

    private int pendingEmails() {
        Integer rows = jdbc.queryForObject("select count(*) from email_delivery where status = 'PENDING'",
                Integer.class);
        return rows == null ? 0 : rows;
    }

    private String status(EventEnvelope<?> decision) {
        return column("status", decision);
    }

    private String lastError(EventEnvelope<?> decision) {
        return column("last_error", decision);
    }

    private int attempts(EventEnvelope<?> decision) {
        return Integer.parseInt(column("attempts", decision));
    }

    private String column(String column, EventEnvelope<?> decision) {
        List<String> values = jdbc.queryForList("select " + column + "::text from email_delivery"
                + " where decision_event_id = ?", String.class, decision.id());
        return values.isEmpty() ? null : values.get(0);
    }
}
