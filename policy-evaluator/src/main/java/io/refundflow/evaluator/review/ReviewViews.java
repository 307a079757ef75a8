package io.refundflow.evaluator.review;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.Evidence;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the manual-review API. */
public final class ReviewViews {

    private ReviewViews() {
    }

    /** One line of the queue. */
    public record Summary(String refundId, String orderId, Ground ground, ProductKind productKind, ReviewStatus status,
            Instant openedAt, String claimedBy, String ruleId, String reasonCode, Money proposedAmount) {
    }

    public record Page(List<Summary> items, int page, int size, long total) {
    }

    /**
     * Everything a reviewer needs to decide one case.
     *
     * @param order      the billing facts as they are now; null while the order is still unknown
     * @param refundable what an approval may refund at most (paid minus earlier refunds); null without order
     * @param evidence   metadata of the attachments (the files stay with refund-intake)
     */
    public record Case(String refundId, ReviewStatus status, Instant openedAt, String claimedBy, Instant claimedAt,
            RefundRequested request, List<Evidence> evidence, BillingOrder order, Money refundable,
            boolean customerMatchesOrder, Decision decision, Outcome outcome) {
    }

    /** Why the case is in the queue: the automatic decision. */
    public record Decision(String policyVersion, String ruleId, String reasonCode, LocalizedText reason,
            Money proposedAmount, List<String> trace, Instant decidedAt) {
    }

    /** The reviewer's decision, once made. */
    public record Outcome(boolean approved, Money amount, String reasonCode, LocalizedText reason, String reviewer,
            Instant decidedAt, String eventId) {
    }

    /**
     * A reviewer's decision.
     *
     * @param approved whether the refund is granted (required)
     * @param amount   the refund when approved; defaults to the policy's proposal, or to everything refundable
     * @param reason   required when rejecting; optional when approving
     */
    public record DecisionBody(Boolean approved, Money amount, LocalizedText reason) {
    }
}
