package io.refundflow.events;

import java.time.Instant;
import java.util.List;

/** One valid payload of every event type. */
final class SampleEvents {

    static final Instant PAID_AT = Instant.parse("2026-11-01T08:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-03T08:00:00Z");
    static final Recipient RECIPIENT = new Recipient("c-1", "alice@example.com", "zh");
    static final LocalizedText REASON = new LocalizedText("Inside the guarantee period", "在交易担保期内");

    private SampleEvents() {
    }

    static List<Object> everyType() {
        return List.of(
                new BillingOrder("o-1", "c-1", "alice@example.com", "zh", ProductKind.SAAS, BillingMode.SUBSCRIPTION,
                        Money.of("100.00", "CNY"), PAID_AT, PAID_AT, Instant.parse("2027-11-01T08:00:00Z"), null, null,
                        Money.of("0.00", "CNY")),
                new RefundRequested("r-1", "RF-2026-000001", "o-1", "c-1", Ground.UNSATISFIED, RequestKind.REFUND,
                        "not what I expected", "zh",
                        List.of(new Evidence("usage.csv", "text/csv", 120, "a".repeat(64))), NOW),
                new RefundApproved(header("RF-2026-000001", RECIPIENT, "saas.guarantee", "GUARANTEE_FULL_REFUND"),
                        Money.of("100.00", "CNY")),
                new RefundRejected(header(null, RECIPIENT, "image.in-use", "IMAGE_IN_USE"),
                        new LocalizedText("Stop the server, then apply again", "先停止服务器再申请")),
                new ManualReviewRequired(header(null, RECIPIENT, "server.quality", "EVIDENCE_REVIEW"),
                        Money.of("41.10", "USD")),
                new RefundReviewed(header(null, RECIPIENT, "manual-review", "REVIEWER_APPROVED"), true,
                        Money.of("41.10", "USD"), "ops-1", "ops-2", false),
                new EvidenceRequested(
                        header("RF-2026-000001", RECIPIENT, "server.claim.evidence-missing", "EVIDENCE_REQUESTED"),
                        "Please add the server's usage records for November", NOW.plusSeconds(7 * 86_400), "ops-1"),
                new ReviewOverdue(header("RF-2026-000001", new Recipient("refund-ops", "ops@example.com", "en"),
                        "server.claim.quality-issue", "REVIEW_OVERDUE"),
                        NOW.minusSeconds(49 * 3600), NOW.minusSeconds(3600), "CLAIMED", "ops-1"),
                new EvidenceAdded("r-1", "RF-2026-000001", "o-1",
                        List.of(new Evidence("usage-november.csv", "text/csv", 2048, "b".repeat(64))), NOW),
                new RefundNotified("r-1", "e-1", EventType.REFUND_APPROVED.ceType(), NotificationStatus.SENT, "EMAIL",
                        NOW, null),
                new BillingRefund("r-1", "o-1", Money.of("100.00", "CNY"), SettlementStatus.FAILED,
                        "the card was closed", NOW));
    }

    /** Refund r-1 of order o-1, decided now under policy 2026.11-1. */
    static DecisionHeader header(String caseNumber, Recipient recipient, String ruleId, String reasonCode) {
        return new DecisionHeader("r-1", caseNumber, "o-1", recipient, NOW, "2026.11-1", ruleId, reasonCode, REASON);
    }
}
