package io.refundflow.benchmark;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One kind of refund the benchmark drives: the billing order it is about and the application, chosen so
 * that the shipped policy decides it a known way. The plain product-kind names are decided automatically
 * (approve or reject), so that a latency run measures the automatic path; {@link #EXCHANGE} needs a person
 * and is answered with the "under review" email only.
 */
public enum Scenario {

    /** SaaS bought yesterday, no reason given: inside the guarantee, approved in full. */
    SAAS(ProductKind.SAAS, BillingMode.SUBSCRIPTION, "199.00", "CNY", 1, 365, null, null, Ground.UNSATISFIED,
            RequestKind.REFUND, Outcome.APPROVE),
    /** A service still being delivered: approved in full. */
    SERVICE(ProductKind.SERVICE, BillingMode.SUBSCRIPTION, "2400.00", "CNY", 20, 90, ServiceStatus.IN_PROGRESS,
            null, Ground.UNSATISFIED, RequestKind.REFUND, Outcome.APPROVE),
    /** An unused image inside the guarantee: approved in full. */
    IMAGE(ProductKind.IMAGE, BillingMode.SUBSCRIPTION, "88.00", "CNY", 2, 30, null, ImageUsage.UNUSED,
            Ground.UNSATISFIED, RequestKind.REFUND, Outcome.APPROVE),
    /** API access: never refundable, rejected. */
    API_OR_DOWNLOAD(ProductKind.API_OR_DOWNLOAD, BillingMode.SUBSCRIPTION, "49.00", "CNY", 1, 30, null, null,
            Ground.UNSATISFIED, RequestKind.REFUND, Outcome.REJECT),
    /** A server with the no-reason ground: the guarantee does not cover servers, rejected with a remedy. */
    SERVER(ProductKind.SERVER, BillingMode.PAY_AS_YOU_GO, "35.00", "USD", 10, 30, null, null, Ground.UNSATISFIED,
            RequestKind.REFUND, Outcome.REJECT),
    /** SaaS paid nine days ago: the guarantee is over, rejected. */
    SAAS_LATE(ProductKind.SAAS, BillingMode.SUBSCRIPTION, "199.00", "CNY", 9, 365, null, null, Ground.UNSATISFIED,
            RequestKind.REFUND, Outcome.REJECT),
    /** An image in use: rejected with a remedy. */
    IMAGE_IN_USE(ProductKind.IMAGE, BillingMode.SUBSCRIPTION, "88.00", "CNY", 2, 30, null, ImageUsage.IN_USE,
            Ground.UNSATISFIED, RequestKind.REFUND, Outcome.REJECT),
    /** An exchange: a person decides; the customer gets the "under review" email. */
    EXCHANGE(ProductKind.SAAS, BillingMode.SUBSCRIPTION, "199.00", "CNY", 1, 365, null, null, Ground.UNSATISFIED,
            RequestKind.EXCHANGE, Outcome.MANUAL_REVIEW);

    /** What the shipped policy decides for the scenario. */
    public enum Outcome {
        APPROVE, REJECT, MANUAL_REVIEW
    }

    private final ProductKind kind;
    private final BillingMode mode;
    private final String paid;
    private final String currency;
    private final int paidDaysAgo;
    private final int termDays;
    private final ServiceStatus serviceStatus;
    private final ImageUsage imageUsage;
    private final Ground ground;
    private final RequestKind requestKind;
    private final Outcome expected;

    Scenario(ProductKind kind, BillingMode mode, String paid, String currency, int paidDaysAgo, int termDays,
            ServiceStatus serviceStatus, ImageUsage imageUsage, Ground ground, RequestKind requestKind,
            Outcome expected) {
        this.kind = kind;
        this.mode = mode;
        this.paid = paid;
        this.currency = currency;
        this.paidDaysAgo = paidDaysAgo;
        this.termDays = termDays;
        this.serviceStatus = serviceStatus;
        this.imageUsage = imageUsage;
        this.ground = ground;
        this.requestKind = requestKind;
        this.expected = expected;
    }

    public BillingOrder order(String orderId, String customerId, String email, String locale, Instant now) {
        Instant paidAt = now.minus(Duration.ofDays(paidDaysAgo));
        return new BillingOrder(orderId, customerId, email, locale, kind, mode, Money.of(paid, currency), paidAt,
                paidAt, paidAt.plus(Duration.ofDays(termDays)), serviceStatus, imageUsage, Money.zero(currency));
    }

    public Ground ground() {
        return ground;
    }

    public RequestKind requestKind() {
        return requestKind;
    }

    public Outcome expected() {
        return expected;
    }

    /** The refund the shipped policy grants: the amount paid in full when approved, nothing otherwise. */
    public BigDecimal expectedRefund() {
        return expected == Outcome.APPROVE ? new BigDecimal(paid) : BigDecimal.ZERO;
    }

    /** The decision event type (CloudEvents type suffix) the scenario should produce. */
    public boolean matches(String decisionCeType) {
        switch (expected) {
            case APPROVE:
                return decisionCeType.endsWith(".approved.v1");
            case REJECT:
                return decisionCeType.endsWith(".rejected.v1");
            default:
                return decisionCeType.endsWith(".manual-review-required.v1");
        }
    }
}
