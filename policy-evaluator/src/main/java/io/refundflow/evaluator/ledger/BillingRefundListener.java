package io.refundflow.evaluator.ledger;

import io.refundflow.evaluator.model.EntryOrigin;
import io.refundflow.evaluator.model.EntryState;
import io.refundflow.evaluator.model.LedgerEntry;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies billing's settlements ({@code billing.refunds}) to the ledger, under the order's lock: a reserved refund
 * becomes SETTLED (executed) or RELEASED (failed: refundable again); an executed refund this system never approved
 * is recorded as billing's own. Only a RESERVED entry ever changes, so a redelivery, under the same event id or a
 * new one, or a report that contradicts an earlier one, changes nothing.
 */
@Component
class BillingRefundListener implements EventHandler<BillingRefund> {

    private static final Logger log = LoggerFactory.getLogger(BillingRefundListener.class);

    private final Ledger ledger;
    private final BillingOrders orders;
    private final Clock clock;

    BillingRefundListener(Ledger ledger, BillingOrders orders, Clock clock) {
        this.ledger = ledger;
        this.orders = orders;
        this.clock = clock;
    }

    @Override
    public Subscription<BillingRefund> subscription() {
        return Subscriptions.BILLING_REFUNDS;
    }

    @Override
    public void handle(Delivery<BillingRefund> delivery) {
        BillingRefund refund = delivery.payload();
        Instant now = now();
        ledger.lock(refund.orderId(), now);
        Step step = step(refund, ledger.find(refund.refundId()), orders.find(refund.orderId()));
        if (step instanceof Outside outside) {
            ledger.recordOutside(refund.refundId(), refund.orderId(), outside.amount(), now);
        } else if (step instanceof Settled settled) {
            ledger.settle(refund.refundId(), settled.executed(), now);
        } else if (step instanceof Released) {
            ledger.release(refund.refundId(), refund.reason(), now);
        }
        log(step);
    }

    /**
     * A poll's settlements as a set, what {@link #handle} does to each in turn: their orders' ledgers locked in one
     * sorted statement (after the one that creates those used for the first time), their entries and orders read in
     * one each, and the entries written with one insert (refunds billing made alone) and one update (settled and
     * released) for all of them. Each settlement sees its refund's entry as the settlements before it in the poll
     * left it, so that a second report of one refund (a redelivery under a new event id, a contradiction) changes
     * nothing, as it would one after the other: a failed refund is released once.
     */
    @Override
    public void handleAll(List<Delivery<BillingRefund>> deliveries) {
        List<BillingRefund> refunds = deliveries.stream().map(Delivery::payload).toList();
        List<String> orderIds = refunds.stream().map(BillingRefund::orderId).toList();
        Instant now = now();
        ledger.lockAll(orderIds, now);
        Map<String, LedgerEntry> entries = ledger.findAll(refunds.stream().map(BillingRefund::refundId).toList());
        Map<String, BillingOrder> paid = orders.findAll(orderIds);
        List<Step> steps = new ArrayList<>(refunds.size());
        List<Ledger.NewEntry> outside = new ArrayList<>();
        List<Ledger.Closing> closings = new ArrayList<>();
        for (BillingRefund refund : refunds) {
            Step step = step(refund, Optional.ofNullable(entries.get(refund.refundId())),
                    Optional.ofNullable(paid.get(refund.orderId())));
            steps.add(step);
            if (step instanceof Outside recorded) {
                outside.add(new Ledger.NewEntry(refund.refundId(), refund.orderId(), recorded.amount()));
                entries.put(refund.refundId(), new LedgerEntry(refund.refundId(), refund.orderId(), recorded.amount(),
                        EntryState.SETTLED, EntryOrigin.BILLING, now, now, null));
            } else if (step instanceof Settled settled) {
                closings.add(Ledger.Closing.settled(refund.refundId(), settled.executed()));
                entries.put(refund.refundId(), closed(settled.reserved(), EntryState.SETTLED, settled.executed(),
                        null, now));
            } else if (step instanceof Released released) {
                closings.add(Ledger.Closing.released(refund.refundId(), refund.reason()));
                entries.put(refund.refundId(), closed(released.reserved(), EntryState.RELEASED,
                        released.reserved().amount(), refund.reason(), now));
            }
        }
        ledger.recordOutsideAll(outside, now);
        if (ledger.closeAll(closings, now) != closings.size()) {
            // The poll's view of its entries no longer matches the ledger: rolled back, its settlements are then
            // handled one at a time, each reading its entry afresh.
            throw new IllegalStateException("the poll's settlements closed other entries than the "
                    + closings.size() + " reserved ones they read: rolled back");
        }
        for (int i = 0; i < deliveries.size(); i++) {
            try (var named = DeliveredEvent.of(deliveries.get(i).event(), BillingRefund.class,
                    BillingRefund::refundId)) {
                log(steps.get(i));
            }
        }
    }

    /** What billing's word does to the refund's entry as it stands (its order's ledger locked). */
    private static Step step(BillingRefund refund, Optional<LedgerEntry> entry, Optional<BillingOrder> order) {
        requireConsistent(refund, entry, order);
        if (entry.isEmpty()) {
            return refund.status() == SettlementStatus.FAILED
                    ? new NeverCounted(refund)
                    : new Outside(refund, refund.amount().normalized());
        }
        if (entry.get().state() != EntryState.RESERVED) {
            return new AlreadyFinal(refund, entry.get().state());
        }
        return refund.status() == SettlementStatus.EXECUTED
                ? new Settled(refund, entry.get(), refund.amount().normalized())
                : new Released(refund, entry.get());
    }

    private static LedgerEntry closed(LedgerEntry reserved, EntryState state, Money amount, String reason,
            Instant now) {
        return new LedgerEntry(reserved.refundId(), reserved.orderId(), amount, state, reserved.origin(),
                reserved.createdAt(), now, reason);
    }

    private static void log(Step step) {
        BillingRefund refund = step.refund();
        if (step instanceof AlreadyFinal done) {
            log.debug("billing reports refund {} {} but the ledger has it {} already; nothing changes",
                    refund.refundId(), refund.status(), done.state());
        } else if (step instanceof NeverCounted) {
            log.debug("billing reports its own refund {} on order {} failed ({}); nothing was counted, nothing changes",
                    refund.refundId(), refund.orderId(), refund.reason());
        } else if (step instanceof Outside) {
            log.info("billing refunded {} on order {} outside this system (refund {}); recorded as settled",
                    refund.amount(), refund.orderId(), refund.refundId());
        } else if (step instanceof Settled settled) {
            if (!settled.executed().equals(settled.reserved().amount())) {
                // Billing moved the money: its figure is what the order has lost, whatever was approved.
                log.warn("billing executed {} for refund {} on order {} but {} was approved; the ledger keeps"
                        + " billing's amount", settled.executed(), refund.refundId(), refund.orderId(),
                        settled.reserved().amount());
            }
            log.info("billing executed refund {} of {} on order {}; settled", refund.refundId(), settled.executed(),
                    refund.orderId());
        } else if (step instanceof Released released) {
            log.info("billing failed refund {} of {} on order {} ({}); the amount is refundable again",
                    refund.refundId(), released.reserved().amount(), refund.orderId(), refund.reason());
        }
    }

    /** What one settlement does to the ledger. */
    private sealed interface Step permits AlreadyFinal, NeverCounted, Outside, Settled, Released {
        BillingRefund refund();
    }

    /** The entry is SETTLED or RELEASED already (a redelivery, or a report contradicting an earlier one). */
    private record AlreadyFinal(BillingRefund refund, EntryState state) implements Step {
    }

    /** Billing failed a refund of its own: nothing was counted, so nothing changes. */
    private record NeverCounted(BillingRefund refund) implements Step {
    }

    /** Billing executed a refund of its own: recorded as settled, at its amount. */
    private record Outside(BillingRefund refund, Money amount) implements Step {
    }

    /** The reserved refund was paid back, at billing's amount. */
    private record Settled(BillingRefund refund, LedgerEntry reserved, Money executed) implements Step {
    }

    /** The reserved refund failed: its amount is refundable again. */
    private record Released(BillingRefund refund, LedgerEntry reserved) implements Step {
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Facts the schema cannot check: the refund's order and currency. */
    private static void requireConsistent(BillingRefund refund, Optional<LedgerEntry> entry,
            Optional<BillingOrder> order) {
        if (entry.isPresent() && !entry.get().orderId().equals(refund.orderId())) {
            throw new InvalidEventException("payload: refund " + refund.refundId() + " is for order "
                    + entry.get().orderId() + ", not " + refund.orderId());
        }
        String expected = order.map(o -> o.paidAmount().currency())
                .orElse(entry.map(e -> e.amount().currency()).orElse(null));
        if (expected != null && !expected.equals(refund.amount().currency())) {
            throw new InvalidEventException("payload: refund " + refund.refundId() + " is in "
                    + refund.amount().currency() + " but order " + refund.orderId() + " was paid in " + expected);
        }
    }
}
