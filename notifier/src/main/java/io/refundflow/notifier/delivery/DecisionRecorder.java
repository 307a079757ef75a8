package io.refundflow.notifier.delivery;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundDecision;
import io.refundflow.notifier.email.EmailRenderer;
import io.refundflow.notifier.email.RenderedEmail;
import io.refundflow.platform.inbox.ProcessedEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the email a decision calls for, once per decision event: rendered now, sent by the
 * {@link DeliverySender} after commit. A redelivered or duplicated event finds its id processed and changes
 * nothing.
 */
@Service
public class DecisionRecorder {

    private static final Logger log = LoggerFactory.getLogger(DecisionRecorder.class);

    private final ProcessedEvents processed;
    private final DeliveryRepository repository;
    private final EmailRenderer renderer;
    private final EventCodec codec;
    private final DeliverySender sender;
    private final Clock clock;

    public DecisionRecorder(ProcessedEvents processed, DeliveryRepository repository, EmailRenderer renderer,
            EventCodec codec, DeliverySender sender, Clock clock) {
        this.processed = processed;
        this.repository = repository;
        this.renderer = renderer;
        this.codec = codec;
        this.sender = sender;
        this.clock = clock;
    }

    /** Returns whether this delivery of the event recorded an email (false for a redelivery). */
    @Transactional
    public boolean record(EventEnvelope<? extends RefundDecision> event) {
        RefundDecision decision = event.data();
        if (!processed.firstDelivery(event.id())) {
            log.info("decision {} ({}) already recorded, redelivery ignored", event.id(), event.type().ceType());
            return false;
        }
        RenderedEmail email = renderer.render(decision);
        EncodedEvent asConsumed = codec.encode(event);
        repository.insertPending(new DeliveryRepository.NewDelivery(event.id(), decision.refundId(),
                decision.caseNumber(), event.type().ceType(), decision.recipient().customerId(),
                decision.recipient().email(), email.language().getLanguage(), email.subject(), email.text(),
                email.html(), MessageIds.of(event.id()), codec.mapper().writeValueAsString(asConsumed.headers()),
                new String(asConsumed.payload(), StandardCharsets.UTF_8)), clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sender.wakeUp();
            }
        });
        log.info("recorded email for decision {} ({}) in language {}, pending", event.id(), event.type().ceType(),
                email.language().getLanguage());
        return true;
    }
}
