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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the email a decision calls for, once per decision event, to the address the billing copy holds
 * ({@link Addressees}): rendered now, so that every attempt (a retry, an ops resend of an UNCONFIRMED email) sends
 * the very email recorded, and sent by the {@link DeliverySender} after commit. A redelivered or duplicated event
 * never gets here: the platform deduplicates the decisions on their event id.
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

    /**
     * Records the email of a first delivery of the event (the platform has deduplicated it). A refused decision
     * is thrown (flagged first when forged) for the platform to dead-letter, or to retry while its order is unknown.
     */
    @Transactional
    public void record(EventEnvelope<? extends RefundDecision> event) {
        Addressee to = addressees.of(List.of(event.data())).get(0).addressee();
        pending.record(email(event, to));
    }

    /**
     * Records the emails of a poll's first deliveries, in the poll's order: the billing copy read once for all of
     * them, the emails inserted with one statement. A decision that would be refused fails the whole set, neither
     * flagged nor recorded: the platform then hands the poll's decisions to {@link #record} one at a time, which
     * refuses that one alone and records the others.
     */
    @Transactional
    public void recordAll(List<? extends EventEnvelope<? extends RefundDecision>> events) {
        List<Addressing> addressed = addressees.of(events.stream().map(EventEnvelope::data).toList());
        long refused = addressed.stream().filter(Addressing.Refused.class::isInstance).count();
        if (refused > 0) {
            throw new IllegalStateException(refused + " of " + events.size()
                    + " decisions refused: the poll is recorded one decision at a time");
        }
        List<DeliveryRepository.NewDelivery> emails = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            emails.add(email(events.get(i), addressed.get(i).addressee()));
        }
        pending.recordAll(emails);
    }

    /** The email the decision calls for, rendered, with the decision as consumed to dead-letter it should it fail. */
    private DeliveryRepository.NewDelivery email(EventEnvelope<? extends RefundDecision> event, Addressee to) {
        RefundDecision decision = event.data();
        RenderedEmail email = renderer.render(decision, to.locale());
        EncodedEvent asConsumed = codec.encode(event);
        DecisionHeader header = decision.header();
        log.debug("recording email for decision {} ({}) of refund {} in language {}, pending", event.id(),
                event.type().ceType(), header.refundId(), email.language().getLanguage());
        return new DeliveryRepository.NewDelivery(event.id(), header.refundId(), header.caseNumber(),
                event.type().ceType(), to.customerId(), to.email(), email.language().getLanguage(), email.subject(),
                email.text(), email.html(), MessageIds.of(event.id()),
                codec.mapper().writeValueAsString(asConsumed.headers()),
                new String(asConsumed.payload(), StandardCharsets.UTF_8), Topics.DECISIONS, header.orderId(),
                isApproval(decision));
    }

    /** Whether the email promises money (a failed settlement is told in its language); an exchange does not. */
    private static boolean isApproval(RefundDecision decision) {
        return decision instanceof RefundApproved
                || (decision instanceof RefundReviewed reviewed && reviewed.paysMoney());
    }
}
