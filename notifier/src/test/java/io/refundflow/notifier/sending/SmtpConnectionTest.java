package io.refundflow.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the sender uses SMTP and the database, seen from outside: the notifier runs on a database of its own (only
 * the emails a test records are there) and one sending lane, and talks to a real SMTP server (GreenMail) through a
 * {@link WatchedSmtpLink} that counts its connections and commands and can cut or slow the link.
 */
class SmtpConnectionTest {

    private static final int ROUND = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static GreenMail smtpServer;
    private static WatchedSmtpLink link;
    private static NotifierOnItsOwnDatabase notifier;

    @BeforeAll
    static void startNotifierWithOneLaneBehindTheLink() throws IOException {
        smtpServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtpServer.start();
        link = new WatchedSmtpLink(smtpServer.getSmtp().getPort());
        notifier = new NotifierOnItsOwnDatabase("notifier_smtp", link.port(),
                "--spring.mail.properties[mail.smtp.timeout]=20000", // a held answer is slow, not lost
                "--refund.notifier.smtp-connections=1");
    }

    @AfterAll
    static void stop() throws IOException {
        if (notifier != null) {
            notifier.close();
        }
        if (link != null) {
            link.close();
        }
        if (smtpServer != null) {
            smtpServer.stop();
        }
    }

    @BeforeEach
    void freshLink() throws IOException {
        link.reset();
    }

    @Test
    void roundsOfEmailsShareOneConnectionWithoutNoop() {
        // given two rounds of emails, one after the other
        List<String> first = recordEmails(ROUND);
        awaitSent(first);
        List<String> second = recordEmails(ROUND);

        // when both are sent
        awaitSent(second);

        // then every email went out over one and the same connection, with no NOOP before any of them
        assertThat(link.connections()).as("SMTP connections opened").isEqualTo(1);
        assertThat(link.commands("NOOP")).as("NOOP commands").isZero();
        assertThat(link.commands("MAIL")).as("MAIL FROM commands").isEqualTo(2 * ROUND);
        assertThat(link.commands("EHLO") + link.commands("HELO")).as("greetings").isEqualTo(1);
    }

    @Test
    void aConnectionCutMidRoundIsReplacedAndNoEmailIsLostOrDuplicated() {
        // given a link that dies when the fifth email of a round begins
        link.cutAtMail(5);

        // when a round of emails is sent
        List<String> emails = recordEmails(ROUND);

        // then every email is sent on its first attempt, over a second connection from the cut on
        awaitSent(emails);
        assertThat(notifier.attempts(emails)).containsOnly(1);
        assertThat(link.connections()).as("SMTP connections opened").isEqualTo(2);
        // and the server holds each exactly once
        assertThat(receivedMessageIds(emails)).containsExactlyInAnyOrderElementsOf(messageIds(emails));
    }

    @Test
    void theDatabaseIsNotHeldWhileTheServerIsSlowToAnswer() throws InterruptedException {
        // given a server that takes its time to answer the end of a message
        link.holdEndOfData();
        List<String> email = recordEmails(1);
        try {
            assertThat(link.awaitHolding(PATIENCE.toSeconds())).as("the message reached the server").isTrue();

            // when another transaction locks the email's row while the sender waits for the answer
            TransactionTemplate transactions = notifier.bean(TransactionTemplate.class);
            JdbcTemplate jdbc = notifier.bean(JdbcTemplate.class);

            // then it gets the lock at once
            assertThatCode(() -> transactions.executeWithoutResult(status -> jdbc.queryForList("""
                    select decision_event_id from email_delivery where decision_event_id = ? for update nowait""",
                    email.get(0)))).doesNotThrowAnyException();
        } finally {
            link.release();
        }
        // and the email is recorded as sent once the server answers
        awaitSent(email);
    }

    private static List<String> recordEmails(int count) {
        return notifier.recordEmails(count, "We could not approve it.");
    }

    private static void awaitSent(Collection<String> ids) {
        await().atMost(PATIENCE).until(() -> notifier.sent(ids) == ids.size());
    }

    private static List<String> messageIds(Collection<String> ids) {
        return ids.stream().map(MessageIds::of).toList();
    }

    /** The Message-IDs the server received that belong to these emails, every copy counted. */
    private static List<String> receivedMessageIds(Collection<String> ids) {
        List<String> ours = messageIds(ids);
        List<String> received = new ArrayList<>();
        for (MimeMessage message : smtpServer.getReceivedMessages()) {
            try {
                if (ours.contains(message.getMessageID())) {
                    received.add(message.getMessageID());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return received;
    }
}
