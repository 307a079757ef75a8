package io.refundflow.notifier.settlement;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.notifier.email.FailedSettlementRenderer;
import io.refundflow.notifier.email.RenderedEmail;
import io.refundflow.notifier.sending.DeliveryRepository.ApprovalEmail;
import io.refundflow.notifier.sending.DeliveryRepository;
import io.refundflow.notifier.sending.MessageIds;
import io.refundflow.notifier.sending.PendingEmails;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.ProcessedEvents;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records, once per settlement event, the email for a refund billing could not pay back: only for a refund
 * this notifier announced as approved on the same order (billing's own refunds and executed ones need no
 * email), to the customer the billing copy holds for the order, in the language of the approval email. Sent
 * like every email by the delivery pipeline (record first, stable Message-ID, RefundNotified).
 */
@Service
class FailedSettlementRecorder {

    private static final Logger log = LoggerFactory.getLogger(FailedSettlementRecorder.class);

    private final ProcessedEvents processed;
    private final DeliveryRepository deliveries;
    private final PendingEmails pending;
    private final BillingOrders orders;
    private final FailedSettlementRenderer renderer;
    private final EventCodec codec;

    FailedSettlementRecorder(ProcessedEvents processed, DeliveryRepository deliveries, PendingEmails pending,
            BillingOrders orders, FailedSettlementRenderer renderer, EventCodec codec) {
        this.processed = processed;
        this.deliveries = deliveries;
        this.pending = pending;
        this.orders = orders;
        this.renderer = renderer;
        this.codec = codec;
    }

    @Transactional
    public void record(EventEnvelope<BillingRefund> event) {
        BillingRefund settlement = event.data();
        if (settlement.status() != SettlementStatus.FAILED) {
            // Nothing is written for it, so nothing needs deduping: no commit for most of billing's traffic.
            log.debug("refund executed by billing ({} on order {}): no email", settlement.amount(),
                    settlement.orderId());
            return;
        }
        if (!processed.firstDelivery(event)) {
            return;
        }
        Optional<ApprovalEmail> approval = deliveries.approvalEmail(settlement.refundId(), settlement.orderId());
        if (approval.isEmpty()) {
            log.debug("failed settlement of a refund never announced as approved on order {}: no email",
                    settlement.orderId());
            return;
        }
        Optional<BillingOrder> order = orders.find(settlement.orderId());
        if (order.isEmpty()) {
            log.warn("failed settlement on order {}, which the billing copy no longer holds: nobody to email",
                    settlement.orderId());
            return;
        }
        BillingOrder owner = order.get();
        RenderedEmail email = renderer.render(settlement, approval.get().caseNumber(), approval.get().locale());
        EncodedEvent asConsumed = codec.encode(event);
        pending.record(new DeliveryRepository.NewDelivery(event.id(), settlement.refundId(),
                approval.get().caseNumber(), event.type().ceType(), owner.customerId(), owner.customerEmail(),
                email.language().getLanguage(), email.subject(), email.text(), email.html(), MessageIds.of(event.id()),
                codec.mapper().writeValueAsString(asConsumed.headers()),
                new String(asConsumed.payload(), StandardCharsets.UTF_8), Topics.BILLING_REFUNDS,
                settlement.orderId(), false));
        log.debug("recorded failed-settlement email for {} on order {} in language {}, pending: {}",
                settlement.amount(), settlement.orderId(), email.language().getLanguage(), settlement.reason());
    }
}
