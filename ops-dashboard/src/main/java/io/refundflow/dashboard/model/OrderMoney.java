package io.refundflow.dashboard.model;

import io.refundflow.events.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The money of one order as the topics tell it: what billing says was paid, what this system approved (each
 * refund id once), and what billing did with each refund. Which settlements belong to this system's approvals
 * is decided when the figures are read, not when a record arrives: the dashboard reads billing.refunds and
 * refund.decisions side by side, so a settlement may be read before its approval. Plain Java: the {@code money}
 * feature feeds it from the topics and totals it; not thread-safe, the feature's lock guards it.
 */
public final class OrderMoney {

    private Money paid;
    private final Map<String, Money> approved = new HashMap<>();
    private final Map<String, Money> executed = new HashMap<>();
    private final Map<String, Money> failed = new HashMap<>();

    public void paid(Money amount) {
        paid = amount;
    }

    public void approved(String refundId, Money amount) {
        approved.put(refundId, amount);
    }

    public void executed(String refundId, Money amount) {
        executed.put(refundId, amount);
    }

    public void failed(String refundId, Money amount) {
        failed.put(refundId, amount);
    }

    /** The figures of this order by currency. */
    public Figures figures() {
        Figures figures = new Figures(paid);
        approved.forEach((refundId, amount) -> {
            figures.approved.merge(amount.currency(), amount.amount(), BigDecimal::add);
            if (failed.containsKey(refundId)) {
                figures.released.merge(amount.currency(), amount.amount(), BigDecimal::add);
            } else if (executed.containsKey(refundId)) {
                Money paidBack = executed.get(refundId);
                figures.settled.merge(paidBack.currency(), paidBack.amount(), BigDecimal::add);
            } else {
                figures.reserved.merge(amount.currency(), amount.amount(), BigDecimal::add);
            }
        });
        executed.forEach((refundId, amount) -> {
            if (!approved.containsKey(refundId)) {
                figures.outside.merge(amount.currency(), amount.amount(), BigDecimal::add);
            }
        });
        return figures;
    }

    /** One order's figures by currency (normally a single one: the order's). */
    public static final class Figures {
        private final Money paid;
        private final Map<String, BigDecimal> approved = new HashMap<>();
        private final Map<String, BigDecimal> reserved = new HashMap<>();
        private final Map<String, BigDecimal> settled = new HashMap<>();
        private final Map<String, BigDecimal> released = new HashMap<>();
        /** Executed by billing without this system: refunds made by hand, under billing's own ids. */
        private final Map<String, BigDecimal> outside = new HashMap<>();

        private Figures(Money paid) {
            this.paid = paid;
        }

        /** What billing says was paid for the order; null until billing's order is known. */
        public Money paid() {
            return paid;
        }

        /** Approved by this system, by currency. */
        public Map<String, BigDecimal> approved() {
            return Collections.unmodifiableMap(approved);
        }

        /** Approved and neither settled nor released yet, by currency. */
        public Map<String, BigDecimal> reserved() {
            return Collections.unmodifiableMap(reserved);
        }

        /** Paid back by billing for this system's approvals, by currency. */
        public Map<String, BigDecimal> settled() {
            return Collections.unmodifiableMap(settled);
        }

        /** Approved, then failed at billing: no longer promised, by currency. */
        public Map<String, BigDecimal> released() {
            return Collections.unmodifiableMap(released);
        }

        /** Executed by billing without this system, by currency. */
        public Map<String, BigDecimal> outside() {
            return Collections.unmodifiableMap(outside);
        }

        /**
         * Whether this system promised more than was paid: approved − released above paid. An approval in a
         * currency the order was not paid in counts as such too. Unknown until billing's order is known.
         */
        public boolean overRefunded() {
            if (paid == null) {
                return false;
            }
            for (Map.Entry<String, BigDecimal> entry : approved.entrySet()) {
                if (!entry.getKey().equals(paid.currency())) {
                    return true;
                }
                BigDecimal kept = entry.getValue().subtract(released.getOrDefault(entry.getKey(), BigDecimal.ZERO));
                if (kept.compareTo(paid.amount()) > 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
