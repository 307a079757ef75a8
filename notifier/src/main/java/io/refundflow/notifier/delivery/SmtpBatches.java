package io.refundflow.notifier.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One round of {@link DeliverySender}'s emails over one SMTP connection: builds each MIME message
 * ({@link EmailMessages}) and tells which ones the server did not accept, and why. Recording the outcome is the
 * sender's.
 */
final class SmtpBatches {

    private final JavaMailSenderImpl mail;
    private final EmailMessages messages;

    SmtpBatches(JavaMailSenderImpl mail, EmailMessages messages) {
        this.mail = mail;
        this.messages = messages;
    }

    /** Sends over one connection; returns the emails the server did not accept, with why. Never throws. */
    Map<EmailDelivery, Exception> send(List<EmailDelivery> due) {
        Map<EmailDelivery, Exception> failures = new IdentityHashMap<>();
        Map<MimeMessage, EmailDelivery> byMessage = new IdentityHashMap<>();
        List<MimeMessage> batch = new ArrayList<>(due.size());
        for (EmailDelivery delivery : due) {
            try {
                MimeMessage message = messages.of(delivery);
                batch.add(message);
                byMessage.put(message, delivery);
            } catch (MessagingException | RuntimeException e) {
                failures.put(delivery, e);
            }
        }
        if (batch.isEmpty()) {
            return failures;
        }
        try {
            mail.send(batch.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Messages not named here were accepted, even when closing the connection failed afterwards.
            e.getFailedMessages().forEach((message, cause) ->
                    failures.put(byMessage.get(message), SmtpFailures.ofMessage(message, cause)));
        } catch (MailException e) {
            // e.g. authentication refused: nothing is known to be accepted; the stable Message-ID covers a resend
            batch.forEach(message -> failures.put(byMessage.get(message), e));
        }
        return failures;
    }
}
