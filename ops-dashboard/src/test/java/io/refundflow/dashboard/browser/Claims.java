package io.refundflow.dashboard.browser;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The orders and requests the browser tests start from. */
final class Claims {

    private Claims() {
    }

    /** A year's cloud server, paid ten days ago, of a customer whose billing address is {@code <customerId>@billing.example}. */
    static BillingOrder serverOrder(String orderId, String customerId, String paid) {
        Instant at = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        return new BillingOrder(orderId, customerId, email(customerId), "en", ProductKind.SERVER,
                BillingMode.SUBSCRIPTION, Money.of(paid, "CNY"), at, at, at.plus(Duration.ofDays(365)), null, null,
                null);
    }

    /** A server claim without a reason the guarantee covers: the policy rejects it at once. */
    static RefundRequested unsatisfiedClaim(String refundId, String orderId, String customerId) {
        return new RefundRequested(refundId, "CASE-" + refundId.substring(2, 10).toUpperCase(), orderId, customerId,
                Ground.UNSATISFIED, RequestKind.REFUND, "not what I hoped for", "en", List.of(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    static String email(String customerId) {
        return customerId + "@billing.example";
    }
}
