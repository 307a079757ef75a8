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
import io.refundflow.notifier.sending.DeliveryRepository.RefundOnOrder;
import io.refundflow.notifier.sending.MessageIds;
import io.refundflow.notifier.sending.PendingEmails;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.ProcessedEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
            executed(settlement);
            return;
        }
        if (!processed.firstDelivery(event)) {
            return;
        }
        Optional<ApprovalEmail> approval = deliveries.approvalEmail(settlement.refundId(), settlement.orderId());
        email(event, approval, approval.isEmpty() ? Optional.empty() : orders.find(settlement.orderId()))
                .ifPresent(pending::record);
    }

    /**
     * A poll's settlements, what {@link #record} does to each in turn, with one statement per table for all of
     * them: the failed ones deduplicated in one, their approval emails read in one, the orders of those announced
     * read in one, and their emails recorded in one. The executed ones write nothing, as alone.
     */
    @Transactional
    public void recordAll(List<EventEnvelope<BillingRefund>> events) {
        List<EventEnvelope<BillingRefund>> failed = new ArrayList<>();
        for (EventEnvelope<BillingRefund> event : events) {
            if (event.data().status() == SettlementStatus.FAILED) {
                failed.add(event);
                continue;
            }
            try (var named = named(event)) {
                executed(event.data());
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        Set<String> fresh = processed.firstDeliveries(failed.stream().map(EventEnvelope::id).toList());
        Set<String> taken = new HashSet<>();
        List<EventEnvelope<BillingRefund>> first = new ArrayList<>(failed.size());
        for (EventEnvelope<BillingRefund> event : failed) {
            // an event read twice in one poll is new once, the first time
            if (fresh.contains(event.id()) && taken.add(event.id())) {
                first.add(event);
            } else {
                log.debug("{} event {} already processed, ignored", event.type().ceType(), event.id());
            }
        }
        Map<RefundOnOrder, ApprovalEmail> approvals = deliveries.approvalEmails(first.stream()
                .map(event -> refundOnOrder(event.data())).toList());
        List<String> announced = first.stream().map(EventEnvelope::data)
                .filter(settlement -> approvals.containsKey(refundOnOrder(settlement)))
                .map(BillingRefund::orderId).toList();
        // as alone, an order is read only for a refund announced as approved on it
        Map<String, BillingOrder> owners = announced.isEmpty() ? Map.of() : orders.findAll(announced);
        List<DeliveryRepository.NewDelivery> emails = new ArrayList<>(first.size());
        for (EventEnvelope<BillingRefund> event : first) {
            try (var named = named(event)) {
                BillingRefund settlement = event.data();
                email(event, Optional.ofNullable(approvals.get(refundOnOrder(settlement))),
                        Optional.ofNullable(owners.get(settlement.orderId()))).ifPresent(emails::add);
            }
        }
        pending.recordAll(emails);
    }

    private static void executed(BillingRefund settlement) {
        log.debug("refund executed by billing ({} on order {}): no email", settlement.amount(),
                settlement.orderId());
    }

    /**
     * The email of a failed settlement, first delivered, to the owner of its order: none for a refund never
     * announced as approved on that order, nor for an order the billing copy no longer holds.
     */
    private Optional<DeliveryRepository.NewDelivery> email(EventEnvelope<BillingRefund> event,
            Optional<ApprovalEmail> approval, Optional<BillingOrder> order) {
        BillingRefund settlement = event.data();
        if (approval.isEmpty()) {
            log.debug("failed settlement of a refund never announced as approved on order {}: no email",
                    settlement.orderId());
            return Optional.empty();
        }
        if (order.isEmpty()) {
            log.warn("failed settlement on order {}, which the billing copy no longer holds: nobody to email",
                    settlement.orderId());
            return Optional.empty();
        }
        BillingOrder owner = order.get();
        RenderedEmail email = renderer.render(settlement, approval.get().caseNumber(), approval.get().locale());
        EncodedEvent asConsumed = codec.encode(event);
        log.debug("recorded failed-settlement email for {} on order {} in language {}, pending: {}",
                settlement.amount(), settlement.orderId(), email.language().getLanguage(), settlement.reason());
        return Optional.of(new DeliveryRepository.NewDelivery(event.id(), settlement.refundId(),
                approval.get().caseNumber(), event.type().ceType(), owner.customerId(), owner.customerEmail(),
                email.language().getLanguage(), email.subject(), email.text(), email.html(), MessageIds.of(event.id()),
                codec.mapper().writeValueAsString(asConsumed.headers()),
                new String(asConsumed.payload(), StandardCharsets.UTF_8), Topics.BILLING_REFUNDS,
                settlement.orderId(), false));
    }

    private static RefundOnOrder refundOnOrder(BillingRefund settlement) {
        return new RefundOnOrder(settlement.refundId(), settlement.orderId());
    }

    private static DeliveredEvent<BillingRefund> named(EventEnvelope<BillingRefund> event) {
        return DeliveredEvent.of(event, BillingRefund.class, BillingRefund::refundId);
    }
}
