package io.refundflow.notifier.sending;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.Topics;
import io.refundflow.notifier.NotifierProperties;
import io.refundflow.notifier.model.DeliveryStatus;
import io.refundflow.notifier.model.EmailDelivery;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.platform.worker.WorkerThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the recorded emails, in rounds of three steps, none of which holds a database transaction across SMTP:
 * <ol>
 *   <li>claim the due PENDING emails, at most one per refund, in one short statement
 *       ({@link DeliveryRepository#claimDue}; the claim is renewed while the round is still sending);</li>
 *   <li>send them over the lanes' persistent SMTP connections ({@link SmtpBatches}, {@link SmtpLane});</li>
 *   <li>record every outcome in one short transaction, a statement per kind of outcome, together with the
 *       {@link RefundNotified} events (and, when the retry budget is spent, the dead-lettered decision) in the
 *       outbox:</li>
 * </ol>
 * <ul>
 *   <li>accepted by the server: SENT, final, never sent again;</li>
 *   <li>refused for good (5xx for the recipient or message): FAILED, reported, not retried;</li>
 *   <li>sent whole, then no answer (time-out or connection lost after DATA): UNCONFIRMED, it may have been
 *       delivered; never resent automatically ({@link UnconfirmedEmails});</li>
 *   <li>anything else (SMTP away, 4xx, time-out before the message went out): retried with exponential
 *       back-off, without holding up other refunds' emails, until the budget is spent: then DEAD_LETTERED.</li>
 * </ul>
 * If recording fails (the database went away after the server accepted the emails), the outcomes stay in memory
 * and the next round records them before it claims anything: nothing accepted is sent again. If the process dies
 * between the server's acceptance and the commit, the email is still PENDING and is sent again once its claim
 * runs out, with the same Message-ID, which lets the receiving side drop the duplicate.
 *
 * <p>Woken right after a decision's email is recorded; the poll interval covers retries coming due and
 * rows left by a restart. One INFO line per round says what it did; the story of each refund's email is at
 * DEBUG (refund id in the MDC), failures for good at WARN and ERROR. When to retry or give up is
 * {@link RetrySchedule}'s to say, and a given-up email's dead letter is {@link DeadLetteredEmails}'.
 */
public class DeliverySender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    /** How long stopping waits for the SMTP round in progress. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** The claim is renewed this many times per lease while a round sends, so one late renewal does no harm. */
    private static final int RENEWALS_PER_LEASE = 3;

    private final DeliveryRepository repository;
    private final TransactionTemplate transactions;
    private final OutboxWriter outbox;
    private final NotifierProperties properties;
    private final Clock clock;
    private final String source;
    private final SmtpBatches smtp;
    private final RetrySchedule retries;
    private final DeadLetteredEmails deadLetters;
    private final ScheduledExecutorService claims = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "email-claims");
        thread.setDaemon(true);
        return thread;
    });

    private final WorkerThread worker = new WorkerThread("email-sender");
    /**
     * A round's outcomes whose recording has not committed (the database went away after the send): the next
     * round records them before anything else, instead of sending those emails again.
     */
    private volatile Outcomes unrecorded;

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
        if (unrecorded != null) {
            record(unrecorded);
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<EmailDelivery> claimed = repository.claimDue(now, properties.batchSize(),
                now.plus(properties.claimLease()));
        if (claimed.isEmpty()) {
            return 0;
        }
        int connectionsBefore = smtp.connectionsOpened();
        Map<EmailDelivery, Exception> failures;
        try (var renewal = keepClaimed(claimed)) {
            failures = smtp.send(claimed);
        }
        long sendNanos = System.nanoTime() - started;
        Outcomes outcomes = outcomesOf(claimed, failures, clock.instant());
        record(outcomes);
        log.info("email round: {} claimed, {} sent, {} failed, {} unconfirmed, {} to retry, {} dead-lettered;"
                        + " sent in {} ms, recorded in {} ms, {} SMTP connection(s) opened",
                claimed.size(), outcomes.sent().size(), outcomes.count(DeliveryStatus.FAILED),
                outcomes.count(DeliveryStatus.UNCONFIRMED), outcomes.count(DeliveryStatus.PENDING),
                outcomes.count(DeliveryStatus.DEAD_LETTERED), sendNanos / 1_000_000,
                (System.nanoTime() - started - sendNanos) / 1_000_000, smtp.connectionsOpened() - connectionsBefore);
        return claimed.size();
    }

    /**
     * What a round came to: the accepted emails with when, the failed attempts, and the events to publish; all
     * decided before anything is written, so that recording is one short transaction that can be tried again.
     */
    private record Outcomes(Map<EmailDelivery, Instant> sent, List<DeliveryRepository.Attempt> failed,
            List<EventEnvelope<?>> notifications, List<EncodedEvent> deadLetters) {

        long count(DeliveryStatus status) {
            return failed.stream().filter(attempt -> attempt.status() == status).count();
        }
    }

    private Outcomes outcomesOf(List<EmailDelivery> claimed, Map<EmailDelivery, Exception> failures, Instant at) {
        Map<EmailDelivery, Instant> sent = new LinkedHashMap<>();
        List<DeliveryRepository.Attempt> failed = new ArrayList<>();
        List<EventEnvelope<?>> notifications = new ArrayList<>();
        List<EncodedEvent> dead = new ArrayList<>();
        for (EmailDelivery delivery : claimed) {
            try (var ignored = MDC.putCloseable("refundId", delivery.refundId())) {
                Exception failure = failures.get(delivery);
                if (failure == null) {
                    sent.put(delivery, at);
                    notifications.add(notification(delivery, NotificationStatus.SENT, at, null));
                    log.debug("sent email {} for decision {} ({})", delivery.messageId(), delivery.decisionEventId(),
                            delivery.decisionType());
                } else if (SmtpFailures.isPermanent(failure)) {
                    String detail = "refused by the mail server: " + SmtpFailures.describe(failure);
                    failed.add(new DeliveryRepository.Attempt(delivery, DeliveryStatus.FAILED, at, null, detail));
                    notifications.add(notification(delivery, NotificationStatus.FAILED, at, detail));
                    log.warn("email for decision {} failed permanently, not retrying: {}",
                            delivery.decisionEventId(), detail);
                } else if (failure instanceof UnconfirmedDeliveryException) {
                    String detail = SmtpFailures.describe(failure);
                    failed.add(new DeliveryRepository.Attempt(delivery, DeliveryStatus.UNCONFIRMED, at, null, detail));
                    log.warn("email {} for decision {} UNCONFIRMED, not resent automatically (ops may resend it): {}",
                            delivery.messageId(), delivery.decisionEventId(), detail);
                } else {
                    retryOrGiveUp(delivery, failure, at, failed, notifications, dead);
                }
            }
        }
        return new Outcomes(sent, failed, notifications, dead);
    }

    private void retryOrGiveUp(EmailDelivery delivery, Exception failure, Instant at,
            List<DeliveryRepository.Attempt> failed, List<EventEnvelope<?>> notifications, List<EncodedEvent> dead) {
        String detail = SmtpFailures.describe(failure);
        RetrySchedule.AfterFailure next = retries.afterFailure(delivery, at);
        if (next instanceof RetrySchedule.RetryAt retry) {
            failed.add(new DeliveryRepository.Attempt(delivery, DeliveryStatus.PENDING, at, retry.next(), detail));
            log.debug("email for decision {} not sent (attempt {}), retry scheduled at {}: {}",
                    delivery.decisionEventId(), retry.attempt(), retry.next(), detail);
            return;
        }
        RetrySchedule.GiveUp giveUp = (RetrySchedule.GiveUp) next;
        String cause = "email not sent after " + giveUp.attempts() + " attempts over " + giveUp.age().withNanos(0)
                + ": " + detail;
        failed.add(new DeliveryRepository.Attempt(delivery, DeliveryStatus.DEAD_LETTERED, at, null, cause));
        dead.add(deadLetters.of(delivery, failure, cause));
        notifications.add(notification(delivery, NotificationStatus.FAILED, at, cause));
        log.error("email for event {} dead-lettered to {}: {}", delivery.decisionEventId(),
                Topics.deadLetter(delivery.sourceTopic()), cause);
    }

    /** One short transaction for the whole round; kept for the next round if it does not commit. */
    private void record(Outcomes outcomes) {
        unrecorded = outcomes;
        transactions.executeWithoutResult(status -> {
            if (!outcomes.sent().isEmpty()) {
                repository.markSent(outcomes.sent());
            }
            repository.markFailed(outcomes.failed());
            outbox.appendAll(outcomes.notifications());
            outcomes.deadLetters().forEach(outbox::append);
        });
        // Reached only once the round committed: until then an accepted email is recorded, never resent.
        unrecorded = null;
    }

    /** Renews the claim on the round's emails while they are being sent; closing stops it. */
    private ClaimRenewal keepClaimed(List<EmailDelivery> claimed) {
        List<String> ids = claimed.stream().map(EmailDelivery::decisionEventId).toList();
        long period = Math.max(1, properties.claimLease().toMillis() / RENEWALS_PER_LEASE);
        ScheduledFuture<?> renewing = claims.scheduleAtFixedRate(() -> {
            try {
                repository.extendClaim(ids, clock.instant().plus(properties.claimLease()));
            } catch (RuntimeException e) {
                log.warn("could not renew the claim on {} emails being sent: {}", ids.size(), e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return () -> renewing.cancel(false);
    }

    /** The renewal of a round's claim, running until closed. */
    private interface ClaimRenewal extends AutoCloseable {
        @Override
        void close();
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
        claims.shutdownNow();
        smtp.close();
    }

    /** Stop before the data source and the mail session go away, and before the outbox relay. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 50;
    }
}
