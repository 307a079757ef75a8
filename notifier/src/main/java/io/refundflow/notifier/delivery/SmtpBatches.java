package io.refundflow.notifier.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One round of {@link DeliverySender}'s emails over SMTP: builds each MIME message ({@link EmailMessages}) and
 * tells which ones the server did not accept, and why. Recording the outcome is the sender's.
 *
 * <p>Each email waits for the server's answers to its commands, so under load one connection sends few emails
 * a second however fast the server is. A round of many emails is therefore split into lanes, each sent over a
 * connection of its own in parallel; a refund's emails always share a lane, in the round's order, so they
 * reach the server in the order they were decided.
 */
final class SmtpBatches implements AutoCloseable {

    /** Below this many emails per connection, opening another costs more than it saves (~50 ms a connect). */
    private static final int MIN_EMAILS_PER_CONNECTION = 10;

    private final JavaMailSenderImpl mail;
    private final EmailMessages messages;
    private final int connections;
    private final ExecutorService lanes;

    SmtpBatches(JavaMailSenderImpl mail, EmailMessages messages, int connections) {
        this.mail = mail;
        this.messages = messages;
        this.connections = connections;
        AtomicInteger threads = new AtomicInteger();
        this.lanes = Executors.newFixedThreadPool(connections, task -> {
            Thread thread = new Thread(task, "smtp-lane-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends the round; returns the emails the server did not accept, with why. Never throws. */
    Map<EmailDelivery, Exception> send(List<EmailDelivery> due) {
        List<List<EmailDelivery>> split = lanesOf(due, connections);
        if (split.size() == 1) {
            return overOneConnection(split.get(0));
        }
        List<Future<Map<EmailDelivery, Exception>>> sending = new ArrayList<>(split.size());
        for (List<EmailDelivery> lane : split) {
            sending.add(lanes.submit(() -> overOneConnection(lane)));
        }
        Map<EmailDelivery, Exception> failures = new IdentityHashMap<>();
        for (int i = 0; i < split.size(); i++) {
            failures.putAll(awaitLane(sending.get(i), split.get(i)));
        }
        return failures;
    }

    @Override
    public void close() {
        lanes.shutdown();
    }

    /** The round split into at most {@code connections} lanes; one lane while it is small. */
    static List<List<EmailDelivery>> lanesOf(List<EmailDelivery> due, int connections) {
        int count = Math.max(1, Math.min(connections, due.size() / MIN_EMAILS_PER_CONNECTION));
        if (count == 1) {
            return List.of(due);
        }
        List<List<EmailDelivery>> split = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            split.add(new ArrayList<>());
        }
        for (EmailDelivery delivery : due) {
            split.get(Math.floorMod(delivery.refundId().hashCode(), count)).add(delivery);
        }
        split.removeIf(List::isEmpty);
        return split;
    }

    /**
     * Waits for a lane to finish, even when interrupted: its emails may be with the server already, and the
     * round must record what happened to each (the interrupt is kept for the worker to see afterwards).
     */
    private static Map<EmailDelivery, Exception> awaitLane(Future<Map<EmailDelivery, Exception>> lane,
            List<EmailDelivery> emails) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return lane.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    // nothing is known to be accepted; the stable Message-ID covers a resend
                    Map<EmailDelivery, Exception> failures = new IdentityHashMap<>();
                    Exception cause = e.getCause() instanceof Exception c ? c : e;
                    emails.forEach(delivery -> failures.put(delivery, cause));
                    return failures;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<EmailDelivery, Exception> overOneConnection(List<EmailDelivery> due) {
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
