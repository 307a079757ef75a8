package io.refundflow.benchmark;

import io.refundflow.launcher.LocalMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Empties the benchmark's own SMTP server every {@value #POLL_MILLIS} ms into the ledger: each refund email
 * (its X-Refund-Id header) with its Message-ID, for the end-of-run check of exactly one email per decision; and
 * each email of the peer, which publishes no event when it has sent one (its X-Process-Instance-Id header names
 * the decision it tells), also as a SENT notification stamped with the moment it was read, late by at most one
 * poll. A drained email leaves the server, so the benchmark's heap, and its collections, stay flat through a run.
 */
final class InboxDrain implements AutoCloseable {

    static final long POLL_MILLIS = 20;
    private static final long STOP_WAIT_MILLIS = 2000;

    private final LocalMail mail;
    private final RefundLedger ledger;
    private final Thread thread = new Thread(this::loop, "inbox-drain");
    private volatile boolean running = true;
    private long messages;
    private long refundEmails;

    InboxDrain(LocalMail mail, RefundLedger ledger) {
        this.mail = mail;
        this.ledger = ledger;
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            drain();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void drain() {
        messages += mail.drain(this::read);
    }

    private void read(MimeMessage message) {
        long now = System.nanoTime(); // after the message was taken from the server, never before it arrived
        try {
            String refundId = message.getHeader("X-Refund-Id", null);
            if (refundId == null) {
                return;
            }
            refundEmails++;
            String messageId = message.getMessageID();
            ledger.email(refundId, messageId);
            String instance = message.getHeader("X-Process-Instance-Id", null);
            if (instance != null) {
                ledger.notification(refundId, messageId, instance, "SENT", now);
            }
        } catch (MessagingException e) {
            System.err.println("inbox drain: unreadable message: " + e);
        }
    }

    /** Stops polling and drains what is left: from here on the ledger holds every email received. */
    void finish() throws InterruptedException {
        close();
        drain();
    }

    synchronized long messages() {
        return messages;
    }

    synchronized long refundEmails() {
        return refundEmails;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(STOP_WAIT_MILLIS);
    }
}
