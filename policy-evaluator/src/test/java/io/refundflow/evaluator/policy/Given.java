package io.refundflow.evaluator.policy;

import io.refundflow.events.BillingMode;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.time.Duration;
import java.time.Instant;

/** Readable test facts: an order paid at {@link #PAID_AT} whose term starts then, and requests timed from it. */
final class Given {

    static final Instant PAID_AT = Instant.parse("2026-11-01T08:00:00Z");

    private ProductKind productKind;
    private BillingMode billingMode = BillingMode.SUBSCRIPTION;
    private Money paid = Money.of("100.00", "CNY");
    private Duration term = Duration.ofDays(365);
    private ServiceStatus serviceStatus;
    private ImageUsage imageUsage;
    private Money refunded;

    private Given(ProductKind productKind) {
        this.productKind = productKind;
    }

    static Given order(ProductKind productKind) {
        return new Given(productKind);
    }

    Given billing(BillingMode mode) {
        this.billingMode = mode;
        return this;
    }

    Given paid(String amount, String currency) {
        this.paid = Money.of(amount, currency);
        return this;
    }

    Given paid(String amount) {
        return paid(amount, paid.currency());
    }

    Given termDays(long days) {
        this.term = Duration.ofDays(days);
        return this;
    }

    Given serviceStatus(ServiceStatus status) {
        this.serviceStatus = status;
        return this;
    }

    Given imageUsage(ImageUsage usage) {
        this.imageUsage = usage;
        return this;
    }

    Given refunded(String amount) {
        this.refunded = amount == null ? null : Money.of(amount, paid.currency());
        return this;
    }

    OrderFacts facts() {
        return new OrderFacts("o-1", "c-1", productKind, billingMode, paid, PAID_AT, PAID_AT, PAID_AT.plus(term),
                serviceStatus, imageUsage, refunded);
    }

    static RequestFacts refund(Ground ground, Duration afterPayment, int evidenceCount) {
        return new RequestFacts(ground, RequestKind.REFUND, PAID_AT.plus(afterPayment), evidenceCount);
    }

    static RequestFacts exchange(Ground ground, Duration afterPayment, int evidenceCount) {
        return new RequestFacts(ground, RequestKind.EXCHANGE, PAID_AT.plus(afterPayment), evidenceCount);
    }

    static Money cny(String amount) {
        return amount == null ? null : Money.of(amount, "CNY");
    }
}
