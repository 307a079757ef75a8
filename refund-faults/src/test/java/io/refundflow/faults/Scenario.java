package io.refundflow.faults;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The kinds of refund the stream sends, each with the one decision the shipped policy must reach without a
 * person: approve, reject, or manual review (which the customer hears about as "under review").
 */
enum Scenario {

    SAAS_INSIDE_GUARANTEE(ProductKind.SAAS, null, 1, Ground.UNSATISFIED, RequestKind.REFUND,
            "io.refundflow.refund.approved.v1"),
    SAAS_GUARANTEE_OVER(ProductKind.SAAS, null, 9, Ground.UNSATISFIED, RequestKind.REFUND,
            "io.refundflow.refund.rejected.v1"),
    SERVICE_IN_PROGRESS(ProductKind.SERVICE, ServiceStatus.IN_PROGRESS, 20, Ground.UNSATISFIED, RequestKind.REFUND,
            "io.refundflow.refund.approved.v1"),
    API_NOT_REFUNDABLE(ProductKind.API_OR_DOWNLOAD, null, 1, Ground.UNSATISFIED, RequestKind.REFUND,
            "io.refundflow.refund.rejected.v1"),
    SAAS_CLAIM_REVIEW(ProductKind.SAAS, null, 9, Ground.QUALITY_ISSUE, RequestKind.REFUND,
            "io.refundflow.refund.manual-review-required.v1");

    final ProductKind product;
    final ServiceStatus serviceStatus;
    final int paidDaysAgo;
    final Ground ground;
    final RequestKind kind;
    final String expectedDecisionType;

    Scenario(ProductKind product, ServiceStatus serviceStatus, int paidDaysAgo, Ground ground, RequestKind kind,
            String expectedDecisionType) {
        this.product = product;
        this.serviceStatus = serviceStatus;
        this.paidDaysAgo = paidDaysAgo;
        this.ground = ground;
        this.kind = kind;
        this.expectedDecisionType = expectedDecisionType;
    }

    String outcome() {
        return expectedDecisionType.replace("io.refundflow.refund.", "").replace(".v1", "");
    }

    BillingOrder order(String orderId, String customerId, Instant now) {
        Instant paidAt = now.minus(Duration.ofDays(paidDaysAgo));
        return new BillingOrder(orderId, customerId, customerId + "@faults.test", "en", product,
                BillingMode.SUBSCRIPTION, Money.of("120.00", "CNY"), paidAt, paidAt, paidAt.plus(Duration.ofDays(90)),
                serviceStatus, null, Money.zero("CNY"));
    }
}
