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
                new RefundApproved("r-1", "RF-2026-000001", "o-1", RECIPIENT, NOW, "2026.11-1", "saas.guarantee",
                        "GUARANTEE_FULL_REFUND", REASON, Money.of("100.00", "CNY")),
                new RefundRejected("r-1", null, "o-1", RECIPIENT, NOW, "2026.11-1", "image.in-use", "IMAGE_IN_USE",
                        REASON, new LocalizedText("Stop the server, then apply again", "先停止服务器再申请")),
                new ManualReviewRequired("r-1", null, "o-1", RECIPIENT, NOW, "2026.11-1", "server.quality",
                        "EVIDENCE_REVIEW", REASON, Money.of("41.10", "USD")),
                new RefundReviewed("r-1", null, "o-1", RECIPIENT, NOW, "2026.11-1", "manual-review", "REVIEWER_APPROVED",
                        REASON, true, Money.of("41.10", "USD"), "ops-1", "ops-2", false),
                new EvidenceRequested("r-1", "RF-2026-000001", "o-1", RECIPIENT, NOW, "2026.11-1",
                        "server.claim.evidence-missing", "EVIDENCE_REQUESTED", REASON,
                        "Please add the server's usage records for November", NOW.plusSeconds(7 * 86_400), "ops-1"),
                new ReviewOverdue("r-1", "RF-2026-000001", "o-1", new Recipient("refund-ops", "ops@example.com", "en"),
                        NOW, "2026.11-1", "server.claim.quality-issue", "REVIEW_OVERDUE", REASON,
                        NOW.minusSeconds(49 * 3600), NOW.minusSeconds(3600), "CLAIMED", "ops-1"),
                new EvidenceAdded("r-1", "RF-2026-000001", "o-1",
                        List.of(new Evidence("usage-november.csv", "text/csv", 2048, "b".repeat(64))), NOW),
                new RefundNotified("r-1", "e-1", EventType.REFUND_APPROVED.ceType(), NotificationStatus.SENT, "EMAIL",
                        NOW, null),
                new BillingRefund("r-1", "o-1", Money.of("100.00", "CNY"), SettlementStatus.FAILED,
                        "the card was closed", NOW));
    }
}
