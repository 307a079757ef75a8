package io.refundflow.notifier.decisions;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.notifier.email.EmailRenderer;
import io.refundflow.notifier.email.RenderedEmail;
import io.refundflow.notifier.model.Addressee;
import io.refundflow.notifier.sending.DeliveryRepository;
import io.refundflow.notifier.sending.DeliverySender;
import io.refundflow.notifier.sending.MessageIds;
import io.refundflow.notifier.sending.PendingEmails;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the email a decision calls for, once per decision event, to the address the billing copy holds
 * ({@link Addressees}): rendered now, sent by the {@link DeliverySender} after commit. A redelivered or
 * duplicated event never gets here: the platform deduplicates the decisions on their event id.
 */
@Service
public class DecisionRecorder {

    private static final Logger log = LoggerFactory.getLogger(DecisionRecorder.class);

    private final PendingEmails pending;
    private final EmailRenderer renderer;
    private final EventCodec codec;
    private final Addressees addressees;

    DecisionRecorder(PendingEmails pending, EmailRenderer renderer, EventCodec codec,
            Addressees addressees) {
        this.pending = pending;
        this.renderer = renderer;
        this.codec = codec;
        this.addressees = addressees;
    }

    /** Records the email of a first delivery of the event (the platform has deduplicated it). */
    @Transactional
    public void record(EventEnvelope<? extends RefundDecision> event) {
        RefundDecision decision = event.data();
        Addressee to = addressees.of(decision);
        RenderedEmail email = renderer.render(decision, to.locale());
        EncodedEvent asConsumed = codec.encode(event);
        DecisionHeader header = decision.header();
        pending.record(new DeliveryRepository.NewDelivery(event.id(), header.refundId(), header.caseNumber(),
                event.type().ceType(), to.customerId(), to.email(), email.language().getLanguage(), email.subject(),
                email.text(), email.html(), MessageIds.of(event.id()),
                codec.mapper().writeValueAsString(asConsumed.headers()),
                new String(asConsumed.payload(), StandardCharsets.UTF_8), Topics.DECISIONS, header.orderId(),
                isApproval(decision)));
        log.debug("recorded email for decision {} ({}) in language {}, pending", event.id(), event.type().ceType(),
                email.language().getLanguage());
    }

    /** Whether the email promises money (a failed settlement is told in its language); an exchange does not. */
    private static boolean isApproval(RefundDecision decision) {
        return decision instanceof RefundApproved
                || (decision instanceof RefundReviewed reviewed && reviewed.paysMoney());
    }
}
