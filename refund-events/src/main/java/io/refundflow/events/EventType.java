package io.refundflow.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every event type of the workflow: its CloudEvents {@code type}, the topic it travels on, its payload
 * record, the JSON Schema that payload must satisfy, and the payload field used as Kafka key and
 * CloudEvents {@code subject}.
 */
public enum EventType {

    BILLING_ORDER("io.refundflow.billing.order.v1", Topics.BILLING_ORDERS, BillingOrder.class,
            "billing-order", p -> ((BillingOrder) p).orderId()),
    BILLING_REFUND("io.refundflow.billing.refund.v1", Topics.BILLING_REFUNDS, BillingRefund.class,
            "billing-refund", p -> ((BillingRefund) p).orderId()),
    REFUND_REQUESTED("io.refundflow.refund.requested.v1", Topics.REQUESTS, RefundRequested.class,
            "refund-requested", p -> ((RefundRequested) p).refundId()),
    REFUND_APPROVED("io.refundflow.refund.approved.v1", Topics.DECISIONS, RefundApproved.class,
            "refund-approved", p -> ((RefundDecision) p).refundId()),
    REFUND_REJECTED("io.refundflow.refund.rejected.v1", Topics.DECISIONS, RefundRejected.class,
            "refund-rejected", p -> ((RefundDecision) p).refundId()),
    MANUAL_REVIEW_REQUIRED("io.refundflow.refund.manual-review-required.v1", Topics.DECISIONS,
            ManualReviewRequired.class, "manual-review-required", p -> ((RefundDecision) p).refundId()),
    REFUND_REVIEWED("io.refundflow.refund.reviewed.v1", Topics.DECISIONS, RefundReviewed.class,
            "refund-reviewed", p -> ((RefundDecision) p).refundId()),
    EVIDENCE_REQUESTED("io.refundflow.refund.evidence-requested.v1", Topics.DECISIONS, EvidenceRequested.class,
            "evidence-requested", p -> ((RefundDecision) p).refundId()),
    REVIEW_OVERDUE("io.refundflow.refund.review-overdue.v1", Topics.DECISIONS, ReviewOverdue.class,
            "review-overdue", p -> ((RefundDecision) p).refundId()),
    EVIDENCE_ADDED("io.refundflow.refund.evidence-added.v1", Topics.REQUESTS, EvidenceAdded.class,
            "evidence-added", p -> ((EvidenceAdded) p).refundId()),
    REFUND_NOTIFIED("io.refundflow.refund.notified.v1", Topics.NOTIFICATIONS, RefundNotified.class,
            "refund-notified", p -> ((RefundNotified) p).refundId());

    private final String ceType;
    private final String topic;
    private final Class<?> payloadType;
    private final String schemaName;
    private final Function<Object, String> subjectOf;

    EventType(String ceType, String topic, Class<?> payloadType, String schemaName,
            Function<Object, String> subjectOf) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadType = payloadType;
        this.schemaName = schemaName;
        this.subjectOf = subjectOf;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    /** Whether this type may travel on the topic: its own, or for requests also the partners' topic. */
    public boolean travelsOn(String topic) {
        return this.topic.equals(topic) || (this == REFUND_REQUESTED && Topics.PARTNER_REQUESTS.equals(topic));
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    /** Classpath location of the payload's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + schemaName + ".schema.json";
    }

    /** The Kafka key and CloudEvents subject: refund id, or order id for billing's events. */
    public String subjectOf(Object payload) {
        return subjectOf.apply(payload);
    }

    public static Optional<EventType> byCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(Object payload) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.equals(payload.getClass()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event payload: " + payload.getClass()));
    }
}
