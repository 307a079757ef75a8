package io.refundflow.notifier.sending;

import io.refundflow.notifier.model.EmailDelivery;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One round of {@link DeliverySender}'s emails over SMTP: builds each MIME message ({@link EmailMessages}) and
 * tells which ones the server did not accept, and why. Recording the outcome is the sender's.
 *
 * <p>Each email waits for the server's answers to its commands, so under load one connection sends few emails
 * a second however fast the server is. A round of many emails is therefore split into lanes, each sent over a
 * connection of its own in parallel; a refund's emails always share a lane, in the round's order, so they
 * reach the server in the order they were decided. Each lane keeps its connection from round to round
 * ({@link SmtpLane}): a connect and greeting per round, and a {@code NOOP} per email, were most of what an
 * email cost.
 */
final class SmtpBatches implements AutoCloseable {

    /** Below this many emails per connection, a round is not worth spreading over another lane's thread. */
    private static final int MIN_EMAILS_PER_CONNECTION = 10;

    private final int connections;
    private final SmtpLane[] lanes;
    private final ExecutorService threads;

    SmtpBatches(JavaMailSenderImpl mail, EmailMessages messages, int connections) {
        this.connections = connections;
        this.lanes = new SmtpLane[connections];
        for (int i = 0; i < connections; i++) {
            lanes[i] = new SmtpLane(() -> open(mail), messages);
        }
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(connections, task -> {
            Thread thread = new Thread(task, "smtp-lane-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends the round; returns the emails the server did not accept, with why. Never throws. */
    Map<EmailDelivery, Exception> send(List<EmailDelivery> due) {
        List<List<EmailDelivery>> split = lanesOf(due, connections);
        Map<EmailDelivery, Exception> failures = new ConcurrentHashMap<>();
        if (split.size() == 1) {
            lanes[0].send(split.get(0), failures);
            return failures;
        }
        List<Future<?>> sending = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            SmtpLane lane = lanes[i];
            List<EmailDelivery> emails = split.get(i);
            sending.add(threads.submit(() -> lane.send(emails, failures)));
        }
        for (int i = 0; i < split.size(); i++) {
            awaitLane(sending.get(i), split.get(i), failures);
        }
        return failures;
    }

    /** Connections opened so far over all lanes: one per lane, plus one per reconnect. */
    int connectionsOpened() {
        int opened = 0;
        for (SmtpLane lane : lanes) {
            opened += lane.connectionsOpened();
        }
        return opened;
    }

    @Override
    public void close() {
        threads.shutdown();
        for (SmtpLane lane : lanes) {
            lane.close();
        }
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

    /** A connected transport as the mail sender is configured (host, port, credentials, session properties). */
    private static Transport open(JavaMailSenderImpl mail) throws MessagingException {
        Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
        String username = mail.getUsername() == null || mail.getUsername().isEmpty() ? null : mail.getUsername();
        String password = mail.getPassword() == null || mail.getPassword().isEmpty() ? null : mail.getPassword();
        transport.connect(mail.getHost(), mail.getPort(), username, password);
        return transport;
    }

    /**
     * Waits for a lane to finish, even when interrupted: its emails may be with the server already, and the
     * round must record what happened to each (the interrupt is kept for the worker to see afterwards).
     */
    private static void awaitLane(Future<?> lane, List<EmailDelivery> emails, Map<EmailDelivery, Exception> failures) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    lane.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    // nothing more is known of the lane's emails; the stable Message-ID covers a resend
                    Exception cause = e.getCause() instanceof Exception c ? c : e;
                    emails.forEach(delivery -> failures.putIfAbsent(delivery, cause));
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
