package io.refundflow.notifier;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundReviewed;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Decisions as the evaluator publishes them, each for a fresh refund and customer unless told otherwise. */
public final class Decisions {

    /** A Tuesday: five business days later is Tuesday 2026-11-10. */
    public static final Instant DECIDED_AT = Instant.parse("2026-11-03T08:00:00Z");
    public static final LocalizedText REASON =
            new LocalizedText("Within the 7-day no-questions guarantee", "在 7 天无理由退款保障期内");
    public static final LocalizedText REMEDY =
            new LocalizedText("Stop the server, then apply again", "先停止服务器再重新申请");
    static final String SOURCE = "policy-evaluator";

    private Decisions() {
    }

    public static String refundId() {
        return "r-" + UUID.randomUUID();
    }

    public static String caseNumber() {
        return "RF-2026-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    public static Recipient customer(String locale) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Recipient("c-" + id, "customer-" + id + "@example.com", locale);
    }

    public static RefundApproved approved(String refundId, Recipient to, Money amount) {
        return new RefundApproved(refundId, caseNumber(), "o-" + refundId, to, DECIDED_AT, "2026.11-1",
                "saas.guarantee", "GUARANTEE_FULL_REFUND", REASON, amount);
    }

    public static RefundRejected rejected(String refundId, Recipient to) {
        return new RefundRejected(refundId, caseNumber(), "o-" + refundId, to, DECIDED_AT, "2026.11-1",
                "image.in-use", "IMAGE_IN_USE", REASON, REMEDY);
    }

    public static ManualReviewRequired manualReview(String refundId, Recipient to, Money proposed) {
        return new ManualReviewRequired(refundId, caseNumber(), "o-" + refundId, to, DECIDED_AT, "2026.11-1",
                "server.quality", "EVIDENCE_REVIEW", REASON, proposed);
    }

    public static RefundReviewed reviewed(String refundId, Recipient to, boolean approved, Money amount) {
        return new RefundReviewed(refundId, caseNumber(), "o-" + refundId, to, DECIDED_AT, "2026.11-1",
                "manual-review", approved ? "REVIEWER_APPROVED" : "REVIEWER_REJECTED", REASON, approved,
                approved ? amount : null, "ops-1");
    }

    public static <T extends RefundDecision> EventEnvelope<T> event(T decision) {
        return EventEnvelope.of(SOURCE, decision, Clock.systemUTC());
    }
}
