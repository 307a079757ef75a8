package io.refundflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.testsupport.FreshPorts;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local SMTP server drains what it received, so that a long benchmark keeps no email in memory. */
class LocalMailTest {

    private LocalMail mail;

    @BeforeEach
    void start() {
        mail = FreshPorts.start(2, ports -> {
            LocalMail started = new LocalMail(ports[0], ports[1]);
            try {
                started.start();
                return started;
            } catch (Exception e) {
                started.close();
                throw e;
            }
        });
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aDrainHandsOverEveryMessageReceivedAndKeepsNone() throws MessagingException {
        // given
        send("a@example.com", "first");
        send("b@example.com", "second");
        List<String> read = new ArrayList<>();

        // when
        int drained = mail.drain(message -> read.add(subject(message)));

        // then
        assertThat(drained).isEqualTo(2);
        assertThat(read).containsExactlyInAnyOrder("first", "second");
        assertThat(mail.messages()).isEmpty();
    }

    @Test
    void aMessageArrivingAfterADrainIsHandedOverByTheNextOneOnly() throws MessagingException {
        // given
        send("a@example.com", "first");
        mail.drain(message -> { });
        send("a@example.com", "second");
        List<String> read = new ArrayList<>();

        // when
        mail.drain(message -> read.add(subject(message)));

        // then
        assertThat(read).containsExactly("second");
    }

    @Test
    void aMessageTheReaderFailsOnStaysForTheNextDrain() throws MessagingException {
        // given
        send("a@example.com", "first");
        assertThatThrownBy(() -> mail.drain(message -> {
            throw new IllegalStateException("reader down");
        })).hasMessage("reader down");
        List<String> read = new ArrayList<>();

        // when
        mail.drain(message -> read.add(subject(message)));

        // then
        assertThat(read).containsExactly("first");
    }

    private void send(String to, String subject) throws MessagingException {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress("refunds@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("body");
        Transport.send(message);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
