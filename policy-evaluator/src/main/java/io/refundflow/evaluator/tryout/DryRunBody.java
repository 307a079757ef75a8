package io.refundflow.evaluator.tryout;

import io.refundflow.events.BillingMode;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.time.Instant;

/**
 * One what-if question: "what would the policy decide for this order and this request?". A stable
 * JSON contract that tools outside this service depend on; change it only compatibly.
 */
public record DryRunBody(Order order, Request request) {

    /**
     * The order facts; {@code alreadyRefunded} is what is already refunded or reserved (approved, not yet paid
     * back) on the order, as the service's refund ledger counts it; it may be omitted or null (nothing yet).
     */
    public record Order(
            String orderId,
            String customerId,
            ProductKind productKind,
            BillingMode billingMode,
            Money paidAmount,
            Instant paidAt,
            Instant termStart,
            Instant termEnd,
            ServiceStatus serviceStatus,
            ImageUsage imageUsage,
            Money alreadyRefunded) {
    }

    /** The request facts; {@code evidenceCount} may be omitted (no evidence). */
    public record Request(Ground ground, RequestKind kind, Instant submittedAt, Integer evidenceCount) {
    }
}
