package io.refundflow.evaluator.policy;

import io.refundflow.events.Money;
import java.time.Duration;
import java.time.Instant;

/**
 * The fixed vocabulary of refund amounts a rule may name. New policy is written with these in the
 * policy file; a new formula is the one change that needs code. The engine caps every result at
 * what is still refundable on the order.
 */
public enum RefundFormula {

    /** Nothing is refunded (rejections, and reviews where the policy proposes no amount). */
    NONE {
        @Override
        Money amount(OrderFacts order, RequestFacts request) {
            return null;
        }
    },

    /** Everything paid that earlier refunds have not already returned. */
    FULL {
        @Override
        Money amount(OrderFacts order, RequestFacts request) {
            return order.refundable();
        }
    },

    /** Paid amount x unused days / term days, half-even to the currency's minor unit. */
    UNUSED_TIME_PRO_RATA {
        @Override
        Money amount(OrderFacts order, RequestFacts request) {
            return order.paidAmount().proRata(unusedDays(order, request.submittedAt()), termDays(order));
        }
    };

    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    /** The amount before the engine's cap; {@code null} for {@link #NONE}. */
    abstract Money amount(OrderFacts order, RequestFacts request);

    /** Whole 24-hour periods from term start to term end, at least 1 so that pro-rating is defined. */
    static long termDays(OrderFacts order) {
        return Math.max(1, wholeDays(order.termStart(), order.termEnd()));
    }

    /**
     * Whole 24-hour periods from the later of submission and term start to term end, clamped to
     * [0, term days]. A started day counts as used: the customer had the service that day.
     */
    static long unusedDays(OrderFacts order, Instant submittedAt) {
        Instant from = submittedAt.isAfter(order.termStart()) ? submittedAt : order.termStart();
        long days = wholeDays(from, order.termEnd());
        return Math.min(Math.max(0, days), termDays(order));
    }

    private static long wholeDays(Instant from, Instant to) {
        return Math.floorDiv(Duration.between(from, to).toSeconds(), SECONDS_PER_DAY);
    }
}
