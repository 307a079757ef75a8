package io.refundflow.testsupport;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * An in-process SMTP server (GreenMail) on a fixed loopback port for the whole run, so that a test can
 * take it away ({@link #stop()}) and bring it back ({@link #restart()}) while the services keep their
 * configuration. The first start binds port 0 and keeps the port the system gave it: choosing a free port
 * first and binding it later would let another test or process take it in between.
 */
public final class SmtpServer {

    /** 0 until the first start; then the port the system gave it, which every restart binds again. */
    private int port;
    private GreenMail greenMail;

    private SmtpServer() {
    }

    static SmtpServer start() {
        SmtpServer server = new SmtpServer();
        server.restart();
        return server;
    }

    public synchronized int port() {
        return port;
    }

    public synchronized void restart() {
        if (greenMail == null || !greenMail.isRunning()) {
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            port = greenMail.getSmtp().getPort();
        }
    }

    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    /**
     * Stops the server and returns every message it took: its SMTP service stops first, so that none arrives
     * between reading the store and GreenMail's stop, which starts an empty store. A message cut off mid-way was
     * never answered, so its sender does not count it as delivered either.
     */
    public synchronized List<MimeMessage> stopKeepingMessages() {
        if (greenMail == null) {
            return List.of();
        }
        greenMail.getSmtp().stopService();
        List<MimeMessage> received = messages();
        greenMail.stop();
        return received;
    }

    public synchronized List<MimeMessage> messages() {
        return greenMail == null ? List.of() : Arrays.asList(greenMail.getReceivedMessages());
    }

    /** Every message received so far for this recipient. */
    public List<MimeMessage> messagesTo(String recipient) {
        return messages().stream().filter(isFor(recipient)).toList();
    }

    /** Waits until {@code count} messages for the recipient have arrived, and returns them. */
    public List<MimeMessage> awaitMessagesTo(String recipient, int count, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> messagesTo(recipient).size() >= count);
        return messagesTo(recipient);
    }

    /**
     * Waits until {@code count} messages for the recipient have arrived, then holds on for {@code settle} to see
     * that no further one follows, and returns exactly those: "one email" means one after a settle, not the first.
     */
    public List<MimeMessage> awaitOnlyMessagesTo(String recipient, int count, Duration settle, Duration timeout) {
        awaitMessagesTo(recipient, count, timeout);
        Awaitility.await("exactly " + count + " messages to " + recipient + " for " + settle)
                .during(settle).atMost(settle.multipliedBy(2)).until(() -> messagesTo(recipient).size() == count);
        return messagesTo(recipient);
    }

    public synchronized void purge() {
        try {
            if (greenMail != null) {
                greenMail.purgeEmailFromAllMailboxes();
            }
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Predicate<MimeMessage> isFor(String recipient) {
        return message -> {
            try {
                Address[] to = message.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            } catch (MessagingException e) {
                return false;
            }
        };
    }
}
