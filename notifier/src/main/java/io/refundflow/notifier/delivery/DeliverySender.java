package io.refundflow.notifier.delivery;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.Topics;
import io.refundflow.notifier.NotifierProperties;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.platform.worker.WorkerThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the recorded emails. Each round takes the due PENDING emails under {@code FOR UPDATE SKIP LOCKED}
 * (at most one per refund, see {@link DeliveryRepository#lockDue}), sends them all over one SMTP connection,
 * and records each outcome in the same transaction, together with the {@link RefundNotified} event (and,
 * when the retry budget is spent, the dead-lettered decision) in the outbox:
 * <ul>
 *   <li>accepted by the server: SENT, final, never sent again;</li>
 *   <li>refused for good (5xx for the recipient or message): FAILED, reported, not retried;</li>
 *   <li>sent whole, then no answer (time-out or connection lost after DATA): UNCONFIRMED, it may have been
 *       delivered; never resent automatically ({@link UnconfirmedEmails});</li>
 *   <li>anything else (SMTP away, 4xx, time-out before the message went out): retried with exponential
 *       back-off, without holding up other refunds' emails, until the budget is spent: then DEAD_LETTERED.</li>
 * </ul>
 * If the process dies between the server's acceptance and the commit, the email is still PENDING and is
 * sent again with the same Message-ID, which lets the receiving side drop the duplicate.
 *
 * <p>Woken right after a decision's email is recorded; the poll interval covers retries coming due and
 * rows left by a restart. A round goes over SMTP through {@link SmtpBatches} (the MIME message is built by
 * {@link EmailMessages}), when to retry or give up is {@link RetrySchedule}'s to say, and a given-up email's dead
 * letter is {@link DeadLetteredEmails}'.
 */
public class DeliverySender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final DeliveryRepository repository;
    private final TransactionTemplate transactions;
    private final OutboxWriter outbox;
    private final NotifierProperties properties;
    private final Clock clock;
    private final String source;
    private final SmtpBatches smtp;
    private final RetrySchedule retries;
    private final DeadLetteredEmails deadLetters;

    /** How long stopping waits for the SMTP round in progress. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final WorkerThread worker = new WorkerThread("email-sender");
    /**
     * Emails the server accepted whose SENT record has not committed yet (the database went away after the
     * send): the next round records them instead of sending them again. Only a crash of this process in
     * that window can still resend, and then the stable Message-ID lets the server drop the copy.
     */
    private final Map<String, Instant> acceptedButUnrecorded = new ConcurrentHashMap<>();

    public DeliverySender(DeliveryRepository repository, TransactionTemplate transactions, JavaMailSenderImpl mail,
            OutboxWriter outbox, NotifierProperties properties, Clock clock, JsonMapper json, String source) {
        this.repository = repository;
        this.transactions = transactions;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.source = source;
        this.smtp = new SmtpBatches(mail, new EmailMessages(mail::getSession, properties.from(), clock),
                properties.smtpConnections());
        this.retries = new RetrySchedule(properties.retry());
        this.deadLetters = new DeadLetteredEmails(json, source);
    }

    public void wakeUp() {
        worker.wakeUp();
    }

    /** Sends one round of due emails over SMTP ({@link SmtpBatches}); returns how many it took. */
    public int sendBatch() {
        List<String> recorded = new ArrayList<>();
        Integer taken = transactions.execute(status -> {
            List<EmailDelivery> due = repository.lockDue(clock.instant(), properties.batchSize());
            if (due.isEmpty()) {
                return 0;
            }
            List<EmailDelivery> toSend = due.stream()
                    .filter(delivery -> !acceptedButUnrecorded.containsKey(delivery.decisionEventId()))
                    .toList();
            Map<EmailDelivery, Exception> failures = smtp.send(toSend);
            Instant at = clock.instant();
            for (EmailDelivery delivery : toSend) {
                if (!failures.containsKey(delivery)) {
                    acceptedButUnrecorded.put(delivery.decisionEventId(), at);
                }
            }
            Map<EmailDelivery, Instant> accepted = new LinkedHashMap<>();
            for (EmailDelivery delivery : due) {
                try (var ignored = MDC.putCloseable("refundId", delivery.refundId())) {
                    Instant acceptedAt = acceptedButUnrecorded.get(delivery.decisionEventId());
                    Exception failure = failures.get(delivery);
                    if (acceptedAt != null) {
                        accepted.put(delivery, acceptedAt);
                        recorded.add(delivery.decisionEventId());
                    } else if (SmtpFailures.isPermanent(failure)) {
                        failedForGood(delivery, failure, at);
                    } else if (failure instanceof UnconfirmedDeliveryException) {
                        unconfirmed(delivery, failure, at);
                    } else {
                        retryOrGiveUp(delivery, failure, at);
                    }
                }
            }
            sent(accepted);
            return due.size();
        });
        // Reached only once the round committed: until then an accepted email is recorded, never resent.
        recorded.forEach(acceptedButUnrecorded::remove);
        return taken == null ? 0 : taken;
    }

    /**
     * Records the accepted emails and their {@link RefundNotified} events in two round trips for the whole round:
     * a statement per email made the recording, not the sending, what held a round up under load.
     */
    private void sent(Map<EmailDelivery, Instant> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        repository.markSent(accepted);
        outbox.appendAll(accepted.entrySet().stream()
                .map(sent -> notification(sent.getKey(), NotificationStatus.SENT, sent.getValue(), null)).toList());
        accepted.keySet().forEach(delivery -> {
            try (var ignored = MDC.putCloseable("refundId", delivery.refundId())) {
                log.info("sent email {} for decision {} ({}) to customer", delivery.messageId(),
                        delivery.decisionEventId(), delivery.decisionType());
            }
        });
    }

    private void failedForGood(EmailDelivery delivery, Exception failure, Instant at) {
        String detail = "refused by the mail server: " + SmtpFailures.describe(failure);
        repository.markFailed(delivery, DeliveryStatus.FAILED, at, detail);
        notified(delivery, NotificationStatus.FAILED, at, detail);
        log.warn("email for decision {} failed permanently, not retrying: {}", delivery.decisionEventId(), detail);
    }

    private void unconfirmed(EmailDelivery delivery, Exception failure, Instant at) {
        repository.markFailed(delivery, DeliveryStatus.UNCONFIRMED, at, SmtpFailures.describe(failure));
        log.warn("email {} for decision {} UNCONFIRMED, not resent automatically (ops may resend it): {}",
                delivery.messageId(), delivery.decisionEventId(), SmtpFailures.describe(failure));
    }

    private void retryOrGiveUp(EmailDelivery delivery, Exception failure, Instant at) {
        String detail = SmtpFailures.describe(failure);
        RetrySchedule.AfterFailure next = retries.afterFailure(delivery, at);
        if (next instanceof RetrySchedule.RetryAt retry) {
            repository.scheduleRetry(delivery, at, retry.next(), detail);
            log.info("email for decision {} not sent (attempt {}), retry scheduled at {}: {}",
                    delivery.decisionEventId(), retry.attempt(), retry.next(), detail);
            return;
        }
        RetrySchedule.GiveUp giveUp = (RetrySchedule.GiveUp) next;
        String cause = "email not sent after " + giveUp.attempts() + " attempts over " + giveUp.age().withNanos(0)
                + ": " + detail;
        repository.markFailed(delivery, DeliveryStatus.DEAD_LETTERED, at, cause);
        outbox.append(deadLetters.of(delivery, failure, cause));
        notified(delivery, NotificationStatus.FAILED, at, cause);
        log.error("email for event {} dead-lettered to {}: {}", delivery.decisionEventId(),
                Topics.deadLetter(delivery.sourceTopic()), cause);
    }

    private void notified(EmailDelivery delivery, NotificationStatus status, Instant at, String detail) {
        outbox.append(notification(delivery, status, at, detail));
    }

    private EventEnvelope<RefundNotified> notification(EmailDelivery delivery, NotificationStatus status, Instant at,
            String detail) {
        return EventEnvelope.of(source, new RefundNotified(delivery.refundId(), delivery.decisionEventId(),
                delivery.decisionType(), status, "EMAIL", at, detail), clock);
    }

    private void runLoop() {
        while (worker.isRunning()) {
            try {
                if (sendBatch() < properties.batchSize()) {
                    worker.awaitWork(properties.pollInterval());
                }
            } catch (RuntimeException e) {
                log.warn("email sender round failed, trying again in {}: {}", properties.pollInterval(),
                        e.getMessage());
                worker.pause(properties.pollInterval());
            }
        }
    }

    @Override
    public void start() {
        worker.start(this::runLoop);
    }

    @Override
    public void stop() {
        worker.stop(STOP_GRACE);
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** The SMTP lanes' threads go with the bean, after {@link #stop()} (Spring's inferred destroy method). */
    public void close() {
        smtp.close();
    }

    /** Stop before the data source and the mail session go away, and before the outbox relay. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 50;
    }
}
