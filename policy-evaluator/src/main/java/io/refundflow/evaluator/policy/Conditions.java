package io.refundflow.evaluator.policy;

import io.refundflow.events.BillingMode;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The match conditions of one rule; all must hold. A {@code null} component means "any value".
 *
 * @param evidence     {@code TRUE}: at least one attachment; {@code FALSE}: none
 * @param withinWindow elapsed time from paid-at to submission is at most the window (inclusive)
 * @param outsideWindow elapsed time from paid-at to submission is longer than the window
 * @param refundAtMost per currency, the highest refund (after the cap) the rule accepts; an order in a
 *                     currency that is not listed does not match
 */
record Conditions(
        Set<ProductKind> productKind,
        Set<BillingMode> billingMode,
        Set<Ground> ground,
        Set<RequestKind> requestKind,
        Set<ServiceStatus> serviceStatus,
        Set<ImageUsage> imageUsage,
        Boolean evidence,
        Window withinWindow,
        Window outsideWindow,
        Map<String, BigDecimal> refundAtMost) {

    static final Conditions ANY = new Conditions(null, null, null, null, null, null, null, null, null, null);

    /** A named window length from the policy file's {@code windows} section. */
    record Window(String name, Duration length) {
    }

    boolean isUnconditional() {
        return equals(ANY);
    }

    /**
     * Why these conditions do not hold for the facts, or {@code null} if they all hold. The refund is
     * a supplier because only amount conditions need it, and computing it can be wasted work.
     */
    String mismatch(OrderFacts order, RequestFacts request, Supplier<Money> refund) {
        String why = firstNonNull(
                notIn("productKind", productKind, order.productKind()),
                notIn("billingMode", billingMode, order.billingMode()),
                notIn("ground", ground, request.ground()),
                notIn("requestKind", requestKind, request.kind()),
                notIn("serviceStatus", serviceStatus, order.serviceStatus()),
                notIn("imageUsage", imageUsage, order.imageUsage()));
        if (why != null) {
            return why;
        }
        if (evidence != null && evidence != request.hasEvidence()) {
            return "evidence " + (request.hasEvidence() ? "present" : "absent");
        }
        Duration elapsed = Duration.between(order.paidAt(), request.submittedAt());
        if (withinWindow != null && elapsed.compareTo(withinWindow.length()) > 0) {
            return "submitted " + elapsed + " after payment, outside window " + withinWindow.name();
        }
        if (outsideWindow != null && elapsed.compareTo(outsideWindow.length()) <= 0) {
            return "submitted " + elapsed + " after payment, inside window " + outsideWindow.name();
        }
        return refundAtMost == null ? null : aboveThreshold(refund.get());
    }

    /** True if every fact that matches {@code later} also matches these, so {@code later} can never fire. */
    boolean covers(Conditions later) {
        return covers(productKind, later.productKind) && covers(billingMode, later.billingMode)
                && covers(ground, later.ground) && covers(requestKind, later.requestKind)
                && covers(serviceStatus, later.serviceStatus) && covers(imageUsage, later.imageUsage)
                && sameOrAny(evidence, later.evidence) && sameOrAny(withinWindow, later.withinWindow)
                && sameOrAny(outsideWindow, later.outsideWindow) && sameOrAny(refundAtMost, later.refundAtMost);
    }

    private String aboveThreshold(Money refund) {
        if (refund == null) {
            return "no refund amount to compare with refundAtMost";
        }
        BigDecimal limit = refundAtMost.get(refund.currency());
        if (limit == null) {
            return "refundAtMost has no threshold for " + refund.currency();
        }
        return refund.amount().compareTo(limit) > 0
                ? "refund " + refund + " above refundAtMost " + limit.toPlainString() + " " + refund.currency()
                : null;
    }

    private static <T> String notIn(String key, Set<T> allowed, T actual) {
        return allowed == null || (actual != null && allowed.contains(actual))
                ? null
                : key + " " + actual + " not in " + allowed;
    }

    private static String firstNonNull(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private static <T> boolean covers(Set<T> earlier, Set<T> later) {
        return earlier == null || (later != null && earlier.containsAll(later));
    }

    private static boolean sameOrAny(Object earlier, Object later) {
        return earlier == null || Objects.equals(earlier, later);
    }
}
