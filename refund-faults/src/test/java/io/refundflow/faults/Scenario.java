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
import java.util.List;

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
            "io.refundflow.refund.manual-review-required.v1"),
    /**
     * Not in the stream's mix: two requests on one SaaS order paid yesterday, sent at the same moment (distinct
     * refund ids, so other partitions). The ledger approves the money once: the other is rejected as nothing left,
     * unless billing failed the first one's settlement before (then both are approved, the first released). So
     * either decision is right for each; the money invariant checks the pair.
     */
    SAAS_CONTESTED(ProductKind.SAAS, null, 1, Ground.UNSATISFIED, RequestKind.REFUND, null),
    /**
     * Not in the stream: a small server claim whose partner says evidence is attached. Evidence would approve it
     * at once; none is held, so a person must look at it.
     */
    SERVER_CLAIM_UNPROVEN(ProductKind.SERVER, null, 10, Ground.QUALITY_ISSUE, RequestKind.REFUND,
            "io.refundflow.refund.manual-review-required.v1");

    /** The kinds the stream's mix sends, each on an order of its own. */
    static final List<Scenario> STREAMED = List.of(SAAS_INSIDE_GUARANTEE, SAAS_GUARANTEE_OVER, SERVICE_IN_PROGRESS,
            API_NOT_REFUNDABLE, SAAS_CLAIM_REVIEW);

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

    /** Whether a decision of this type is what the policy must reach for this kind. */
    boolean expects(String decisionType) {
        return expectedDecisionType == null
                ? decisionType.equals("io.refundflow.refund.approved.v1")
                        || decisionType.equals("io.refundflow.refund.rejected.v1")
                : expectedDecisionType.equals(decisionType);
    }

    String outcome() {
        return expectedDecisionType == null ? "approved or rejected (contested)" : expectedDecisionType.replace("io.refundflow.refund.", "").replace(".v1", "");
    }

    BillingOrder order(String orderId, String customerId, Instant now) {
        Instant paidAt = now.minus(Duration.ofDays(paidDaysAgo));
        return new BillingOrder(orderId, customerId, customerId + "@faults.test", "en", product,
                BillingMode.SUBSCRIPTION, Money.of("120.00", "CNY"), paidAt, paidAt, paidAt.plus(Duration.ofDays(90)),
                serviceStatus, null, Money.zero("CNY"));
    }
}
