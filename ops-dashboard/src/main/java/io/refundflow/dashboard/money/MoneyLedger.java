package io.refundflow.dashboard.money;

import io.refundflow.dashboard.feed.RawRecord;
import io.refundflow.dashboard.feed.RecordListener;
import io.refundflow.dashboard.model.OrderMoney;
import io.refundflow.dashboard.money.MoneyView.CurrencyMoney;
import io.refundflow.dashboard.money.MoneyView.OverRefund;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.ExpectedSources;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per order, from the topics only: paid (billing.orders), approved (refund.decisions: approvals and reviewers'
 * approvals that pay money; an approved exchange moves none), settled and released (billing.refunds EXECUTED and FAILED). Shows per currency what is reserved,
 * settled and released, and counts the orders whose approved − released exceeds paid: the money invariant,
 * watched from outside the evaluator that keeps it.
 *
 * <p>A record that is not a valid event, or not from the producer expected on its topic (the services' own
 * {@code refund.expected.sources}), is ignored (the flow projection shows it): a forged order, decision or
 * settlement can neither raise the alarm nor hide it. A redelivered event changes nothing, because every amount
 * is kept by refund id. In memory and bounded by
 * {@code refund.dashboard.max-orders} (the least recently touched order is forgotten first), rebuilt from the
 * topics at every start like the rest of the dashboard. Thread-safe.
 */
public class MoneyLedger implements RecordListener {

    static final int OVER_REFUNDED_SHOWN = 20;
    private static final Set<String> TOPICS = Set.of(Topics.BILLING_ORDERS, Topics.DECISIONS, Topics.BILLING_REFUNDS);

    private final EventCodec codec = new EventCodec();
    private final ExpectedSources expectedSources;
    private final Clock clock;
    private final Map<String, OrderMoney> orders;

    public MoneyLedger(int maxOrders, ExpectedSources expectedSources, Clock clock) {
        this.expectedSources = expectedSources;
        this.clock = clock;
        this.orders = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OrderMoney> eldest) {
                return size() > maxOrders;
            }
        };
    }

    @Override
    public synchronized void accept(RawRecord record) {
        if (!TOPICS.contains(record.topic()) || record.value() == null) {
            return;
        }
        Object payload;
        try {
            EventEnvelope<?> event = codec.decode(record.topic(), record.lastHeaders(), record.value());
            expectedSources.check(record.topic(), event.source());
            payload = event.data();
        } catch (RuntimeException e) {
            return; // not a valid event, or a forged one: it had no effect on the money, and the flow view shows it
        }
        if (payload instanceof BillingOrder order) {
            order(order.orderId()).paid(order.paidAmount());
        } else if (payload instanceof RefundApproved approved) {
            order(approved.header().orderId()).approved(approved.refundId(), approved.refundAmount());
        } else if (payload instanceof RefundReviewed reviewed && reviewed.paysMoney()) {
            order(reviewed.header().orderId()).approved(reviewed.refundId(), reviewed.refundAmount());
        } else if (payload instanceof BillingRefund settlement) {
            OrderMoney order = order(settlement.orderId());
            if (settlement.status() == SettlementStatus.EXECUTED) {
                order.executed(settlement.refundId(), settlement.amount());
            } else {
                order.failed(settlement.refundId(), settlement.amount());
            }
        }
    }

    /** Orders whose approved − released exceeds paid right now. */
    public synchronized long ordersOverRefunded() {
        return orders.values().stream().filter(order -> order.figures().overRefunded()).count();
    }

    public synchronized MoneyView view() {
        Map<String, Totals> totals = new TreeMap<>();
        List<OverRefund> overRefunded = new ArrayList<>();
        long overCount = 0;
        for (Map.Entry<String, OrderMoney> entry : orders.entrySet()) {
            OrderMoney.Figures figures = entry.getValue().figures();
            if (figures.paid() != null && !figures.approved().isEmpty()) {
                totals.computeIfAbsent(figures.paid().currency(), Totals::new).pay(figures.paid().amount());
            }
            figures.reserved().forEach((currency, amount) ->
                    totals.computeIfAbsent(currency, Totals::new).reserve(amount));
            figures.settled().forEach((currency, amount) ->
                    totals.computeIfAbsent(currency, Totals::new).settle(amount));
            figures.released().forEach((currency, amount) ->
                    totals.computeIfAbsent(currency, Totals::new).release(amount));
            figures.outside().forEach((currency, amount) ->
                    totals.computeIfAbsent(currency, Totals::new).outside(amount));
            if (figures.overRefunded()) {
                overCount++;
                if (overRefunded.size() < OVER_REFUNDED_SHOWN) {
                    overRefunded.add(new OverRefund(entry.getKey(), figures.paid().toString(),
                            text(figures.approved()), text(figures.released())));
                }
            }
        }
        return new MoneyView(clock.instant(), orders.size(),
                totals.values().stream().map(Totals::view).toList(), overCount, overRefunded);
    }

    private static String text(Map<String, BigDecimal> amounts) {
        return amounts.isEmpty() ? "0" : String.join(" + ", amounts.entrySet().stream()
                .map(e -> e.getValue().toPlainString() + " " + e.getKey()).sorted().toList());
    }

    /** The order, touched (so the least recently touched is the one forgotten at the bound). */
    private OrderMoney order(String orderId) {
        return orders.computeIfAbsent(orderId, id -> new OrderMoney());
    }

    /** Sums of one currency over the orders. */
    private static final class Totals {
        final String currency;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        BigDecimal settled = BigDecimal.ZERO;
        BigDecimal released = BigDecimal.ZERO;
        BigDecimal outside = BigDecimal.ZERO;

        Totals(String currency) {
            this.currency = currency;
        }

        void pay(BigDecimal amount) {
            paid = paid.add(amount);
        }

        void reserve(BigDecimal amount) {
            reserved = reserved.add(amount);
        }

        void settle(BigDecimal amount) {
            settled = settled.add(amount);
        }

        void release(BigDecimal amount) {
            released = released.add(amount);
        }

        void outside(BigDecimal amount) {
            outside = outside.add(amount);
        }

        CurrencyMoney view() {
            return new CurrencyMoney(currency, paid.toPlainString(), reserved.toPlainString(), settled.toPlainString(),
                    released.toPlainString(), outside.toPlainString());
        }
    }
}
