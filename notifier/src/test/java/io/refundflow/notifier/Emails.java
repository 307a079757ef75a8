package io.refundflow.notifier;

import io.refundflow.events.EventEnvelope;
import io.refundflow.testsupport.SmtpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;

/** Reads what a customer received. */
public final class Emails {

    private Emails() {
    }

    /**
     * Waits until the email for this event reaches a mailbox that receives others too (the ops mailbox), found by
     * its Message-ID, and returns it.
     */
    public static MimeMessage awaitEmailFor(SmtpServer smtp, String recipient, EventEnvelope<?> event,
            Duration patience) {
        String messageId = "<" + event.id() + "@refundflow.notifier>";
        return Awaitility.await().atMost(patience)
                .until(() -> smtp.messagesTo(recipient).stream()
                        .filter(message -> messageId(message).equals(messageId)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isAlternative(MimeMessage message) {
        try {
            return message.isMimeType("multipart/alternative");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage message, String type) {
        try {
            Multipart multipart = (Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("no " + type + " part in the email");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
