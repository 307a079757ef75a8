package io.refundflow.evaluator.tryout;

import io.refundflow.evaluator.policy.Approve;
import io.refundflow.evaluator.policy.OrderFacts;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.evaluator.policy.Reject;
import io.refundflow.evaluator.policy.RequestFacts;
import io.refundflow.evaluator.policy.Verdict;
import io.refundflow.events.Money;

/** Between the dry-run JSON contract and the engine's facts and verdicts. */
public final class DryRunMapping {

    private DryRunMapping() {
    }

    /** @throws InvalidDryRunInputException naming the first missing or inconsistent field */
    public static DryRunAnswer evaluate(PolicyEngine engine, DryRunBody body) {
        if (body == null) {
            throw new InvalidDryRunInputException("the body must be an object with 'order' and 'request'");
        }
        return toAnswer(engine.evaluate(toOrderFacts(body.order()), toRequestFacts(body.request())));
    }

    public static OrderFacts toOrderFacts(DryRunBody.Order order) {
        required("order", order);
        required("order.productKind", order.productKind());
        required("order.billingMode", order.billingMode());
        required("order.paidAmount", order.paidAmount());
        required("order.paidAt", order.paidAt());
        required("order.termStart", order.termStart());
        required("order.termEnd", order.termEnd());
        if (order.paidAmount().amount().signum() < 0) {
            throw new InvalidDryRunInputException("field order.paidAmount: must not be negative");
        }
        if (order.termEnd().isBefore(order.termStart())) {
            throw new InvalidDryRunInputException("field order.termEnd: is before order.termStart");
        }
        Money refunded = order.alreadyRefunded();
        if (refunded != null && !refunded.currency().equals(order.paidAmount().currency())) {
            throw new InvalidDryRunInputException("field order.alreadyRefunded: currency " + refunded.currency()
                    + " differs from order.paidAmount's " + order.paidAmount().currency());
        }
        return new OrderFacts(order.orderId(), order.customerId(), order.productKind(), order.billingMode(),
                order.paidAmount(), order.paidAt(), order.termStart(), order.termEnd(), order.serviceStatus(),
                order.imageUsage(), refunded);
    }

    public static RequestFacts toRequestFacts(DryRunBody.Request request) {
        required("request", request);
        required("request.ground", request.ground());
        required("request.kind", request.kind());
        required("request.submittedAt", request.submittedAt());
        int evidenceCount = request.evidenceCount() == null ? 0 : request.evidenceCount();
        if (evidenceCount < 0) {
            throw new InvalidDryRunInputException("field request.evidenceCount: must not be negative");
        }
        return new RequestFacts(request.ground(), request.kind(), request.submittedAt(), evidenceCount);
    }

    public static DryRunAnswer toAnswer(Verdict verdict) {
        DryRunAnswer.Outcome outcome;
        if (verdict instanceof Approve) {
            outcome = DryRunAnswer.Outcome.APPROVED;
        } else if (verdict instanceof Reject) {
            outcome = DryRunAnswer.Outcome.REJECTED;
        } else {
            outcome = DryRunAnswer.Outcome.MANUAL_REVIEW;
        }
        return new DryRunAnswer(outcome, verdict.refundAmount(), verdict.ruleId(), verdict.policyVersion(),
                verdict.reasonCode(), verdict.reason(), verdict.remedy());
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidDryRunInputException("field " + field + ": is required");
        }
    }
}
