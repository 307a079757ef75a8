package io.refundflow.notifier.sending;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Tells a permanent SMTP failure of one email from a transient one.
 *
 * <p>Permanent: the server answered 5xx for the recipient ({@code RCPT TO}) or for the message itself
 * ({@code DATA}), or the address cannot even be parsed. Retrying cannot help; the email is failed and
 * reported. Unconfirmed: the whole message went to the server and then no answer came (a time-out, the
 * connection lost after DATA): it may have been delivered, so it is not retried automatically (see
 * {@link UnconfirmedDeliveryException}). Everything else (no connection, time-outs before the message was sent,
 * 4xx, a 5xx for our own sender or credentials, which is our configuration and not the customer's fault) is
 * transient and retried within the budget.
 */
final class SmtpFailures {

    private static final int MAX_DEPTH = 10;
    private static final int MAX_DETAIL = 1900;

    private SmtpFailures() {
    }

    static boolean isPermanent(Exception failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SMTPAddressFailedException address) {
                return address.getReturnCode() >= 500;
            }
            if (t instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof AddressException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure of one message, as an {@link UnconfirmedDeliveryException} when the message was sent whole
     * and the server gave no answer (an SMTP reply, even 4xx, means it did not take the message).
     */
    static Exception ofMessage(Object message, Exception failure) {
        boolean contentSent = message instanceof StableIdMimeMessage stable && stable.contentSent();
        return contentSent && !hasServerReply(failure) ? new UnconfirmedDeliveryException(failure) : failure;
    }

    private static boolean hasServerReply(Exception failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SMTPSendFailedException send && send.getReturnCode() >= 400) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the server answered the command that failed (a refusal of the sender, a recipient or the message):
     * the connection still works. Without an answer the connection itself failed.
     */
    static boolean wasAnswered(Exception failure) {
        for (Throwable t : chain(failure)) {
            int code = t instanceof SMTPSendFailedException send ? send.getReturnCode()
                    : t instanceof SMTPAddressFailedException address ? address.getReturnCode()
                    : t instanceof SMTPSenderFailedException sender ? sender.getReturnCode() : -1;
            if (code > 0) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, for people: each cause in the chain with its message, most general first. */
    static String describe(Exception failure) {
        StringBuilder detail = new StringBuilder();
        for (Throwable t : chain(failure)) {
            if (!detail.isEmpty()) {
                detail.append(" <- ");
            }
            detail.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                detail.append(": ").append(t.getMessage().strip().replaceAll("\\s+", " "));
            }
        }
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail.toString();
    }

    /** The failure and its causes; Jakarta Mail links them through {@code getNextException()}. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Throwable t = failure;
        while (t != null && chain.size() < MAX_DEPTH && !chain.contains(t)) {
            chain.add(t);
            Throwable next = t instanceof MessagingException messaging ? messaging.getNextException() : null;
            t = next != null ? next : t.getCause();
        }
        return chain;
    }
}
