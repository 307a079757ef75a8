package io.refundflow.intake.progress;

import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import io.refundflow.intake.progress.ParkedEvents.Parked;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.intake.submit.SubmissionsRecorded;
import io.refundflow.platform.outbox.OutboxWriter;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies held events ({@link ParkedEvents}) once the refund they refer to is known: right after a submission
 * with its id commits (on a thread of its own, so the submitting request never holds two pooled connections at
 * once, which starved the pool under load), and on every sweep (which also catches an event held while that submission was
 * committing). An event whose refund has not appeared within {@code refund.intake.parking.hold-for} is
 * dead-lettered to its topic's {@code .DLT} with the cause, through the outbox, so nothing that arrived
 * vanishes. A settlement is the exception: it was counted on its order when it arrived, and a settlement whose
 * refund never appears is one billing made by hand (billing's own id), so it is let go with a log line.
 */
@Component
class EarlyEvents {

    private static final Logger log = LoggerFactory.getLogger(EarlyEvents.class);

    private final ParkedEvents parked;
    private final ProgressListener progress;
    private final NotificationListener notifications;
    private final SettlementListener settlements;
    private final OutboxWriter outbox;
    private final TransactionTemplate ownTransaction;
    private final Duration holdFor;
    private final int batchSize;
    private final String consumerGroup;
    private final ExecutorService afterSubmission = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "intake-held-events");
        thread.setDaemon(true);
        return thread;
    });

    EarlyEvents(ParkedEvents parked, ProgressListener progress, NotificationListener notifications,
            SettlementListener settlements, OutboxWriter outbox, PlatformTransactionManager transactions,
            IntakeProperties properties, @Value("${spring.application.name}") String consumerGroup) {
        this.parked = parked;
        this.progress = progress;
        this.notifications = notifications;
        this.settlements = settlements;
        this.outbox = outbox;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.holdFor = properties.parking().holdFor();
        this.batchSize = properties.parking().batchSize();
        this.consumerGroup = consumerGroup;
    }

    /** The poll's refunds' held events together, in one transaction: nearly always there are none. */
    @TransactionalEventListener
    void onSubmissions(SubmissionsRecorded recorded) {
        afterSubmission.execute(() -> {
            try {
                applyHeld(recorded.refundIds());
            } catch (RuntimeException e) {
                log.warn("events held for refunds {} not applied yet, the next sweep tries again: {}",
                        recorded.refundIds(), e.toString());
            }
        });
    }

    @PreDestroy
    void stop() {
        afterSubmission.shutdownNow();
    }

    /** Each refund's held events in a transaction of its own, so that one that keeps failing holds up no other. */
    @Scheduled(fixedDelayString = "${refund.intake.parking.sweep-interval:30s}")
    void sweep() {
        parked.knownRefundIds(batchSize).forEach(refundId -> applyHeld(List.of(refundId)));
        ownTransaction.executeWithoutResult(status -> parked.lockExpired(batchSize).forEach(this::giveUp));
    }

    /** Applies the refunds' held events in the order they arrived, each released as it is applied. */
    private void applyHeld(List<String> refundIds) {
        ownTransaction.executeWithoutResult(status -> {
            for (Parked event : parked.lockFor(refundIds)) {
                if (apply(parked.decode(event))) {
                    parked.release(event);
                }
            }
        });
    }

    private boolean apply(EventEnvelope<?> event) {
        if (Topics.DECISIONS.equals(event.topic())) {
            return progress.applyDecision(event);
        }
        if (Topics.NOTIFICATIONS.equals(event.topic())) {
            return notifications.applyNotification(event);
        }
        return settlements.applyHeld(event);
    }

    private void giveUp(Parked event) {
        parked.release(event);
        try (var ignored = MDC.putCloseable("refundId", event.refundId())) {
            if (Topics.BILLING_REFUNDS.equals(event.topic())) {
                log.info("settlement {} of refund {} held for {}: no request of that id arrived, so it is one billing"
                        + " made by hand; it was counted on its order when it arrived", event.eventId(),
                        event.refundId(), holdFor);
                return;
            }
            UnknownRefundException cause = new UnknownRefundException("refund " + event.refundId() + " is unknown to"
                    + " refund-intake: no request with this id arrived within " + holdFor + " of this event (held"
                    + " since " + event.parkedAt() + ")");
            Map<String, String> headers = new LinkedHashMap<>(event.headers());
            headers.put(KafkaHeaders.DLT_ORIGINAL_TOPIC, event.topic());
            headers.put(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, consumerGroup);
            headers.put(KafkaHeaders.DLT_EXCEPTION_FQCN, cause.getClass().getName());
            headers.put(KafkaHeaders.DLT_EXCEPTION_MESSAGE, cause.getMessage());
            String key = headers.getOrDefault(CloudEventHeaders.SUBJECT, event.refundId());
            outbox.append(new EncodedEvent(Topics.deadLetter(event.topic()), key, headers, event.payload()));
            log.error("event {} from {} dead-lettered to {}: {}", event.eventId(), event.topic(),
                    Topics.deadLetter(event.topic()), cause.getMessage());
        }
    }
}
