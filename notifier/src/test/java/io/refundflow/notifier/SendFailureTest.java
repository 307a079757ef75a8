package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.Topics;
import io.refundflow.notifier.sending.DeliverySender;
import io.refundflow.notifier.sending.OwnEmails;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.RefusedPort;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to an email the mail server will not take. The service's own sender is paused and a sender
 * pointed at another real server (one that refuses a recipient, or none at all) does the rounds, as the
 * outbox test does with a relay cut off from its broker. That sender takes only the test's own emails
 * ({@link OwnEmails}): other tests' emails in the shared database are neither sent by it nor counted.
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
    @Autowired
    DataSource dataSource;

    private OwnEmails own;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @BeforeEach
    void pauseTheServicesSender() {
        own = new OwnEmails(jdbc);
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
        ownDecision(refused);
        ownDecision(accepted);
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
        ownDecision(decision);
        kafka.publish(decision);
        await().atMost(PATIENCE).until(() -> "PENDING".equals(status(decision)));
        NotifierProperties twoAttempts = new NotifierProperties(null, null, null, null, null, null,
                new NotifierProperties.Retry(Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 2, null), null, null, null);

        // when it keeps trying
        try (RefusedPort nobodyListens = RefusedPort.open()) {
            DeliverySender sender = senderTo(nobodyListens.port(), twoAttempts);
            await().atMost(PATIENCE).until(() -> {
                sender.sendBatch();
                return "DEAD_LETTERED".equals(status(decision));
            });
        }

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

    @Test
    void anEmailTheServerAcceptedIsRecordedNotResentWhenRecordingItFailedTheFirstTime() {
        // given a decision waiting to be emailed, and a round whose commit fails (the database goes away
        // right after the mail server accepted the email)
        Recipient customer = Decisions.customer("en");
        EventEnvelope<?> decision = Decisions.event(
                Decisions.approved(Decisions.refundId(), customer, Money.of("12.00", "CNY")));
        ownDecision(decision);
        kafka.publish(decision);
        await().atMost(PATIENCE).until(() -> "PENDING".equals(status(decision)));
        DeliverySender sender = senderTo(RealInfrastructure.get().smtp().port(), properties,
                new TransactionTemplate(new CommitFailsOnce(dataSource)));

        // when the first round sends it but cannot record it, and the next round runs
        assertThatThrownBy(sender::sendBatch).hasMessageContaining("commit refused");
        assertThat(status(decision)).isEqualTo("PENDING");
        sender.sendBatch();

        // then it is recorded as sent, and the customer got it exactly once
        assertThat(status(decision)).isEqualTo("SENT");
        assertThat(RealInfrastructure.get().smtp().messagesTo(customer.email())).hasSize(1);
        assertThat(notification(decision).status()).isEqualTo(NotificationStatus.SENT);
    }

    /** Billing holds the decision's order, and its email is one of the test's own. */
    private void ownDecision(EventEnvelope<?> decision) {
        BillingCopy.holdsOrderOf(kafka, jdbc, (RefundDecision) decision.data());
        own.add(decision.id());
    }

    /** The real transaction manager, except that its first commit is refused (a database gone mid-round). */
    static final class CommitFailsOnce extends DataSourceTransactionManager {

        private final AtomicBoolean refused = new AtomicBoolean();

        CommitFailsOnce(DataSource dataSource) {
            super(dataSource);
            // as with a connection that died: nothing of the round is committed
            setRollbackOnCommitFailure(true);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            if (refused.compareAndSet(false, true)) {
                throw new TransactionSystemException("commit refused: the database went away");
            }
            super.doCommit(status);
        }
    }

    private DeliverySender senderTo(int port, NotifierProperties with) {
        return senderTo(port, with, transactions);
    }

    private DeliverySender senderTo(int port, NotifierProperties with, TransactionTemplate transactions) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "2000");
        timeouts.put("mail.smtp.timeout", "2000");
        mail.setJavaMailProperties(timeouts);
        return new DeliverySender(own, transactions, mail, outbox, with, clock, codec.mapper(), "notifier");
    }

    private RefundNotified notification(EventEnvelope<?> decision) {
        return (RefundNotified) kafka.awaitEvents(Topics.NOTIFICATIONS, decision.subject(), 1, PATIENCE).get(0).data();
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
