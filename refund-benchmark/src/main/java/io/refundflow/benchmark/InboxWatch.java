package io.refundflow.benchmark;

import io.refundflow.launcher.LocalMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The peer's email times: the peer publishes no event when it has sent an email, so the benchmark looks into
 * its own SMTP server every {@value #POLL_MILLIS} ms and stamps each new email of the peer (its
 * X-Process-Instance-Id header names the decision it tells) with the moment it was first seen, as a SENT
 * notification in the ledger. The stamp is late by at most one poll.
 */
final class InboxWatch implements AutoCloseable {

    static final long POLL_MILLIS = 20;

    private final LocalMail mail;
    private final RefundLedger ledger;
    /** Messages already looked at (GreenMail keeps one instance per message), so a poll reads only new ones. */
    private final Set<MimeMessage> examined = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread thread = new Thread(this::loop, "inbox-watch");
    private volatile boolean running = true;

    InboxWatch(LocalMail mail, RefundLedger ledger) {
        this.mail = mail;
        this.ledger = ledger;
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            MimeMessage[] messages = mail.messages();
            long now = System.nanoTime(); // after the look, so that no email is stamped before it arrived
            for (MimeMessage message : messages) {
                if (!examined.add(message)) {
                    continue;
                }
                try {
                    String instance = message.getHeader("X-Process-Instance-Id", null);
                    if (instance != null) {
                        ledger.notification(message.getHeader("X-Refund-Id", null), message.getMessageID(), instance,
                                "SENT", now);
                    }
                } catch (MessagingException e) {
                    System.err.println("inbox watch: unreadable message: " + e);
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
