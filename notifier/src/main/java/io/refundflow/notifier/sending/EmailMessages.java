package io.refundflow.notifier.sending;

import io.refundflow.notifier.model.EmailDelivery;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.function.Supplier;

/**
 * The MIME message of a recorded email: from the service's address to the recipient, text and HTML as
 * alternatives in UTF-8, marked with the refund id and the language, under the email's own Message-ID (the
 * same on every attempt, see {@link StableIdMimeMessage}).
 */
final class EmailMessages {

    private final Supplier<Session> session;
    private final String from;
    private final Clock clock;

    /** @param session the mail sender's session, asked for each message as the sender may renew it */
    EmailMessages(Supplier<Session> session, String from, Clock clock) {
        this.session = session;
        this.from = from;
        this.clock = clock;
    }

    MimeMessage of(EmailDelivery delivery) throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(session.get(), delivery.messageId());
        message.setFrom(new InternetAddress(from, true));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(delivery.recipient(), true));
        message.setSubject(delivery.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Content-Language", delivery.locale());
        message.setHeader("X-Refund-Id", delivery.refundId());
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part(delivery.bodyText(), "plain"));
        alternative.addBodyPart(part(delivery.bodyHtml(), "html"));
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }
}
