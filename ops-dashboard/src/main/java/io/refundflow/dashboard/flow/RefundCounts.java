package io.refundflow.dashboard.flow;

import static io.refundflow.dashboard.flow.RecordText.text;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.flow.DecisionMix.Outcome;
import io.refundflow.dashboard.flow.StepFlow.StepName;
import io.refundflow.dashboard.flow.Views.Amount;
import io.refundflow.dashboard.flow.Views.Minute;
import io.refundflow.dashboard.flow.Views.MixRow;
import io.refundflow.dashboard.flow.Views.ReviewAge;
import io.refundflow.dashboard.flow.Views.Step;
import io.refundflow.events.EventType;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The counts behind the dashboard's charts, told each refund event's first delivery by {@link FlowProjection}:
 * the flow through the steps ({@link StepFlow}), the decision mix ({@link DecisionMix}), approved amounts
 * ({@link ApprovedAmounts}), the last hour ({@link LastHour}), the review queue's age ({@link ReviewQueueAge}) and
 * the open reviews and failed emails; it also moves the refund's stage and outcome. Not thread-safe: the
 * projection's lock guards it.
 */
final class RefundCounts {

    private final Refunds refunds;
    private final Function<RefundState, String> productKindOf;
    private final StepFlow steps;
    private final DecisionMix mix = new DecisionMix();
    private final ApprovedAmounts approvedAmounts = new ApprovedAmounts();
    private final LastHour lastHour = new LastHour();
    private final ReviewQueueAge reviewAge;
    private long manualReviewsOpened;
    private long manualReviewsClosed;
    private long notificationsFailed;

    RefundCounts(DashboardProperties settings, Refunds refunds, Function<RefundState, String> productKindOf) {
        this.refunds = refunds;
        this.productKindOf = productKindOf;
        this.steps = new StepFlow(settings.rateWindow());
        this.reviewAge = new ReviewQueueAge(settings.maxRefunds());
    }

    /** A refund requested: the contact (with a case number) and submit steps passed. */
    void requested(RefundState refund, JsonNode payload, long at) {
        refund.orderId = text(payload, "orderId");
        refund.ground = text(payload, "ground");
        String caseNumber = text(payload, "caseNumber");
        if (caseNumber != null && !caseNumber.isBlank()) {
            refunds.caseNumber(refund, caseNumber);
            steps.passed(StepName.CONTACT, at);
        }
        steps.passed(StepName.SUBMIT, at);
        lastHour.record(LastHour.Series.REQUESTS, at);
        refund.stage = "submitted";
    }

    /** A decision, automatic or a reviewer's: counted in the mix, the amounts and the review queue. */
    void decided(RefundState refund, EventType type, JsonNode payload, long at) {
        if (refund.orderId == null) {
            refund.orderId = text(payload, "orderId");
        }
        if (refund.caseNumber == null && text(payload, "caseNumber") != null) {
            refunds.caseNumber(refund, text(payload, "caseNumber"));
        }
        Outcome outcome;
        // an approved exchange moves no money: it shows no amount and adds nothing to the approved amounts
        boolean exchange = false;
        String amountField = "refundAmount";
        switch (type) {
            case REFUND_APPROVED -> {
                outcome = Outcome.APPROVED;
                refund.outcome = "approved";
                lastHour.record(LastHour.Series.APPROVED, at);
            }
            case REFUND_REJECTED -> {
                outcome = Outcome.REJECTED;
                refund.outcome = "rejected";
                lastHour.record(LastHour.Series.REJECTED, at);
            }
            case MANUAL_REVIEW_REQUIRED -> {
                outcome = Outcome.MANUAL_REVIEW;
                refund.outcome = "manual review";
                amountField = "proposedAmount";
                manualReviewsOpened++;
                lastHour.record(LastHour.Series.MANUAL_REVIEW, at);
                reviewAge.opened(refund.refundId, at);
            }
            default -> {
                boolean approved = payload.path("approved").asBoolean();
                exchange = approved && payload.path("exchange").asBoolean();
                outcome = approved ? Outcome.REVIEW_APPROVED : Outcome.REVIEW_REJECTED;
                refund.outcome = exchange ? "exchange approved" : approved ? "review approved" : "review rejected";
                manualReviewsClosed++;
                lastHour.record(approved ? LastHour.Series.REVIEW_APPROVED : LastHour.Series.REVIEW_REJECTED, at);
                reviewAge.closed(refund.refundId);
            }
        }
        mix.count(productKindOf.apply(refund), refund.ground == null ? FlowProjection.UNKNOWN : refund.ground,
                outcome);
        JsonNode money = exchange ? null : payload.get(amountField);
        String amount = text(money, "amount");
        String currency = text(money, "currency");
        refund.amount = amount == null || currency == null ? null : amount + " " + currency;
        if (outcome == Outcome.MANUAL_REVIEW) {
            refund.stage = "awaiting review";
            return;
        }
        refund.stage = "decided";
        steps.passed(StepName.REVIEW, at);
        if (outcome.approves() && amount != null && currency != null) {
            approvedAmounts.approved(amount, currency);
        }
    }

    /** An email sent or failed; only the customer's counts as the notify step. */
    void notified(RefundState refund, JsonNode payload, long at) {
        // an overdue review's email goes to the ops mailbox: an email sent, not the customer's notify step
        boolean toCustomer = !EventType.REVIEW_OVERDUE.ceType().equals(text(payload, "decisionType"));
        if ("SENT".equals(text(payload, "status"))) {
            lastHour.record(LastHour.Series.EMAILS, at);
            if (toCustomer) {
                steps.passed(StepName.NOTIFY, at);
                refund.stage = "notified";
            }
        } else {
            notificationsFailed++;
            if (toCustomer) {
                refund.stage = "notification failed";
            }
        }
    }

    List<Step> steps(long now) {
        return steps.steps(now);
    }

    long openReviews() {
        return Math.max(0, manualReviewsOpened - manualReviewsClosed);
    }

    long notificationsFailed() {
        return notificationsFailed;
    }

    List<MixRow> mix() {
        return mix.rows();
    }

    List<Amount> approvedAmounts() {
        return approvedAmounts.rows();
    }

    List<Minute> lastHour(long now) {
        return lastHour.minutes(now);
    }

    ReviewAge reviewAge(long now) {
        return reviewAge.at(now);
    }
}
