package io.refundflow.notifier.sending;

import io.refundflow.notifier.model.EmailDelivery;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One sending lane: a persistent SMTP connection, kept open from round to round, over which the lane's emails
 * go out one after the other with {@link Transport#sendMessage}. Nothing checks the connection before a message
 * (Spring's {@code JavaMailSenderImpl} sends a {@code NOOP} before every one, a round trip per email): a
 * connection that has failed shows it on the next command, and only then is it replaced.
 *
 * <p>When the connection fails under a message before its content went out (the server dropped an idle
 * connection, or went away mid-round), the message cannot have been accepted: it is sent once more over a fresh
 * connection, and only a second failure counts against it. A message whose content went out and then got no
 * answer may have been accepted, so it is never sent again here ({@link SmtpFailures#ofMessage}). When no
 * connection can be opened at all, the lane's remaining emails fail with that cause without a connect each.
 *
 * <p>Used by one thread at a time (a round gives each lane to one task).
 */
final class SmtpLane implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpLane.class);

    /** Opens a connected SMTP transport. */
    interface Connector {
        Transport open() throws MessagingException;
    }

    /** A connection could not be opened: the cause, as the transport gave it. */
    private static final class NotConnected extends Exception {
        private final MessagingException cause;

        NotConnected(MessagingException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private final Connector connector;
    private final EmailMessages messages;
    private Transport transport;
    private int connectionsOpened;

    SmtpLane(Connector connector, EmailMessages messages) {
        this.connector = connector;
        this.messages = messages;
    }

    /** How many connections this lane has opened so far (the first one and every reconnect). */
    int connectionsOpened() {
        return connectionsOpened;
    }

    /** Sends the emails in their order; puts each one the server did not accept into {@code failures}, with why. */
    void send(List<EmailDelivery> emails, Map<EmailDelivery, Exception> failures) {
        for (int i = 0; i < emails.size(); i++) {
            EmailDelivery delivery = emails.get(i);
            try (var ignored = MDC.putCloseable("refundId", delivery.refundId())) {
                MimeMessage message;
                try {
                    message = messages.of(delivery);
                } catch (MessagingException | RuntimeException e) {
                    failures.put(delivery, e);
                    continue;
                }
                try {
                    sendWithOneReconnect(message);
                } catch (MessagingException e) {
                    failures.put(delivery, SmtpFailures.ofMessage(message, e));
                } catch (NotConnected e) {
                    // the server cannot be reached: the rest of the lane would only wait for the same time-out
                    for (EmailDelivery unsent : emails.subList(i, emails.size())) {
                        failures.put(unsent, e.cause);
                    }
                    return;
                }
            }
        }
    }

    private void sendWithOneReconnect(MimeMessage message) throws MessagingException, NotConnected {
        try {
            sendOver(connected(), message);
        } catch (MessagingException e) {
            if (SmtpFailures.wasAnswered(e)) {
                afterRefusal();
                throw e;
            }
            drop();
            if (message instanceof StableIdMimeMessage stable && stable.contentSent()) {
                throw e; // sent whole, then no answer: it may have been accepted, never resent here
            }
            log.debug("SMTP connection failed before message {} went out, sending it over a fresh one: {}",
                    message.getMessageID(), e.getMessage());
            try {
                sendOver(connected(), message);
            } catch (MessagingException again) {
                if (SmtpFailures.wasAnswered(again)) {
                    afterRefusal();
                } else {
                    drop();
                }
                throw again;
            }
        }
    }

    private static void sendOver(Transport transport, MimeMessage message) throws MessagingException {
        transport.sendMessage(message, message.getAllRecipients());
    }

    private Transport connected() throws NotConnected {
        if (transport == null) {
            try {
                transport = connector.open();
            } catch (MessagingException e) {
                throw new NotConnected(e);
            }
            connectionsOpened++;
        }
        return transport;
    }

    /**
     * The server answered the message with a refusal: the connection is fine, but the transaction the message
     * began may still be open on the server's side, so it is reset before the next message (a failed reset means
     * the connection is gone).
     */
    private void afterRefusal() {
        if (transport instanceof SMTPTransport smtp) {
            try {
                smtp.issueCommand("RSET", 250);
            } catch (MessagingException e) {
                drop();
            }
        }
    }

    private void drop() {
        Transport broken = transport;
        transport = null;
        if (broken != null) {
            try {
                broken.close();
            } catch (MessagingException | RuntimeException e) {
                log.debug("closing a failed SMTP connection: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        drop();
    }
}
