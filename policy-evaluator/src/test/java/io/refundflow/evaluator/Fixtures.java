package io.refundflow.evaluator;

import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.Evidence;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Billing orders and refund requests for the service tests; every id is unique per call. */
public final class Fixtures {

    /** Requests reach the evaluator only from refund-intake, the one gate; it refuses any other source. */
    public static final String SOURCE = "refund-intake";
    /**
     * Billing's orders and settlements come from billing, the one producer the services expect on billing's topics
     * ({@code refund.expected.sources}); anything else there is dead-lettered.
     */
    public static final String BILLING = "billing";
    public static final String POLICY_VERSION = PolicyTexts.bundledVersion();

    private Fixtures() {
    }

    /** Who publishes {@code payload} in production: billing its orders and settlements, refund-intake the rest. */
    public static String sourceOf(Object payload) {
        return payload instanceof BillingOrder || payload instanceof BillingRefund ? BILLING : SOURCE;
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static Instant daysAgo(double days) {
        return Instant.now().minus(Duration.ofMinutes((long) (days * 24 * 60))).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A SAAS subscription of 100.00 CNY paid at {@code paidAt}, owned by {@code customerId}. */
    public static BillingOrder saas(String orderId, String customerId, Instant paidAt) {
        return order(orderId, customerId, ProductKind.SAAS, BillingMode.SUBSCRIPTION, Money.of("100.00", "CNY"),
                paidAt, null);
    }

    public static BillingOrder imageInUse(String orderId, String customerId, Instant paidAt) {
        return order(orderId, customerId, ProductKind.IMAGE, BillingMode.SUBSCRIPTION, Money.of("300.00", "CNY"),
                paidAt, ImageUsage.IN_USE);
    }

    /** A one-year server of 3650.00 CNY: 10.00 per day, so any claim is above the small-claim threshold. */
    public static BillingOrder server(String orderId, String customerId, Instant paidAt) {
        return server(orderId, customerId, paidAt, Money.of("3650.00", "CNY"));
    }

    /** A one-year server paid {@code paid} at {@code paidAt}. */
    public static BillingOrder server(String orderId, String customerId, Instant paidAt, Money paid) {
        return order(orderId, customerId, ProductKind.SERVER, BillingMode.SUBSCRIPTION, paid, paidAt, null);
    }

    private static BillingOrder order(String orderId, String customerId, ProductKind kind, BillingMode mode,
            Money paid, Instant paidAt, ImageUsage usage) {
        return new BillingOrder(orderId, customerId, customerId + "@billing.example", "zh", kind, mode, paid, paidAt,
                paidAt, paidAt.plus(Duration.ofDays(365)), null, usage, null);
    }

    public static RefundRequested request(String refundId, String orderId, String customerId, Ground ground) {
        return request(refundId, orderId, customerId, ground, List.of());
    }

    public static RefundRequested request(String refundId, String orderId, String customerId, Ground ground,
            List<Evidence> evidence) {
        return new RefundRequested(refundId, "CASE-" + refundId.substring(2, 10), orderId, customerId, ground,
                RequestKind.REFUND, "please refund", "en", evidence, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** A request for an exchange (a replacement, not money) of the order, with one screenshot as evidence. */
    public static RefundRequested exchange(String refundId, String orderId, String customerId, Ground ground) {
        return new RefundRequested(refundId, "CASE-" + refundId.substring(2, 10), orderId, customerId, ground,
                RequestKind.EXCHANGE, "please replace it", "en", List.of(screenshot()),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * What refund-intake publishes when the customer adds a file to a refund the policy asked evidence for at once
     * (a claim without evidence): the review returns to the queue.
     */
    public static EvidenceAdded evidenceAdded(String refundId, String orderId) {
        return new EvidenceAdded(refundId, null, orderId, List.of(screenshot()),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** Waits until the review is back in the queue after {@link #evidenceAdded}. */
    public static void awaitReviewOpen(JdbcTemplate jdbc, String refundId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "OPEN".equals(jdbc.queryForObject(
                "select status from evaluator.manual_review where refund_id = ?", String.class, refundId)));
    }

    public static Evidence screenshot() {
        return new Evidence("fault.png", "image/png", 2048,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }
}
