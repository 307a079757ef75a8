package io.refundflow.evaluator.ledger;

import io.refundflow.evaluator.model.EntryState;
import io.refundflow.evaluator.model.LedgerEntry;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ledger.lock(refund.orderId(), now);
        Optional<LedgerEntry> entry = ledger.find(refund.refundId());
        requireConsistent(refund, entry, orders.find(refund.orderId()));
        if (entry.isEmpty()) {
            unknownRefund(refund, now);
        } else if (entry.get().state() != EntryState.RESERVED) {
            log.debug("billing reports refund {} {} but the ledger has it {} already; nothing changes",
                    refund.refundId(), refund.status(), entry.get().state());
        } else if (refund.status() == SettlementStatus.EXECUTED) {
            settle(refund, entry.get(), now);
        } else {
            ledger.release(refund.refundId(), refund.reason(), now);
            log.info("billing failed refund {} of {} on order {} ({}); the amount is refundable again",
                    refund.refundId(), entry.get().amount(), refund.orderId(), refund.reason());
        }
    }

    private void unknownRefund(BillingRefund refund, Instant now) {
        if (refund.status() == SettlementStatus.FAILED) {
            log.debug("billing reports its own refund {} on order {} failed ({}); nothing was counted, nothing changes",
                    refund.refundId(), refund.orderId(), refund.reason());
            return;
        }
        ledger.recordOutside(refund.refundId(), refund.orderId(), refund.amount().normalized(), now);
        log.info("billing refunded {} on order {} outside this system (refund {}); recorded as settled",
                refund.amount(), refund.orderId(), refund.refundId());
    }

    private void settle(BillingRefund refund, LedgerEntry entry, Instant now) {
        Money executed = refund.amount().normalized();
        if (!executed.equals(entry.amount())) {
            // Billing moved the money: its figure is what the order has lost, whatever was approved.
            log.warn("billing executed {} for refund {} on order {} but {} was approved; the ledger keeps billing's"
                    + " amount", executed, refund.refundId(), refund.orderId(), entry.amount());
        }
        ledger.settle(refund.refundId(), executed, now);
        log.info("billing executed refund {} of {} on order {}; settled", refund.refundId(), executed,
                refund.orderId());
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
