package io.refundflow.notifier;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.ReviewOverdue;
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
    /** A week after {@link #DECIDED_AT}: Tuesday 2026-11-10, 08:00 UTC. */
    public static final Instant ANSWER_BY = Instant.parse("2026-11-10T08:00:00Z");
    public static final LocalizedText EVIDENCE_REQUESTED = new LocalizedText(
            "Our reviewer needs more evidence to decide", "审核人员需要更多材料才能作出决定");
    public static final LocalizedText EVIDENCE_NOT_PROVIDED = new LocalizedText(
            "No evidence was added by the deadline", "截止时间前未补充材料");
    public static final LocalizedText EXCHANGE = new LocalizedText(
            "A replacement server will be set up for you", "我们将为您更换一台新的服务器");
    /** When an overdue review was opened: 48 hours before {@link #DUE_AT}. */
    public static final Instant OPENED_AT = Instant.parse("2026-11-01T07:45:00Z");
    /** When an overdue review was due: a quarter of an hour before it was found overdue ({@link #DECIDED_AT}). */
    public static final Instant DUE_AT = Instant.parse("2026-11-03T07:45:00Z");
    public static final LocalizedText REVIEW_OVERDUE = new LocalizedText(
            "This manual review is past its due time and still undecided: please take it or hand it over.",
            "该人工审核已超过处理期限且尚未决定，请尽快处理或转交他人。");
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
        return new RefundApproved(header(refundId, to, "saas.guarantee", "GUARANTEE_FULL_REFUND", REASON), amount);
    }

    public static RefundRejected rejected(String refundId, Recipient to) {
        return new RefundRejected(header(refundId, to, "image.in-use", "IMAGE_IN_USE", REASON), REMEDY);
    }

    public static ManualReviewRequired manualReview(String refundId, Recipient to, Money proposed) {
        return new ManualReviewRequired(header(refundId, to, "server.quality", "EVIDENCE_REVIEW", REASON), proposed);
    }

    public static RefundReviewed reviewed(String refundId, Recipient to, boolean approved, Money amount) {
        String reasonCode = approved ? "REVIEWER_APPROVED" : "REVIEWER_REJECTED";
        return new RefundReviewed(header(refundId, to, "manual-review", reasonCode, REASON), approved,
                approved ? amount : null, "ops-1", null, false);
    }

    /**
     * A reviewer's approval of an exchange: the replacement is arranged, no amount, no money moves (reason
     * {@link RefundReviewed#EXCHANGE_APPROVED}).
     */
    public static RefundReviewed exchangeApproved(String refundId, Recipient to) {
        return new RefundReviewed(header(refundId, to, "exchange.manual-review", RefundReviewed.EXCHANGE_APPROVED,
                EXCHANGE), true, null, "ops-1", null, true);
    }

    /** A reviewer's request for more evidence, answerable until {@link #ANSWER_BY}. */
    public static EvidenceRequested evidenceRequested(String refundId, Recipient to, String message) {
        return new EvidenceRequested(header(refundId, to, "manual-review", "EVIDENCE_REQUESTED", EVIDENCE_REQUESTED),
                message, ANSWER_BY, "ops-1");
    }

    /** The rejection that follows a request for evidence nobody answered: same refund, case and order. */
    public static RefundReviewed evidenceNotProvided(EvidenceRequested request) {
        DecisionHeader asked = request.header();
        return new RefundReviewed(new DecisionHeader(asked.refundId(), asked.caseNumber(), asked.orderId(),
                asked.recipient(), request.answerBy(), asked.policyVersion(), "manual-review", "EVIDENCE_NOT_PROVIDED",
                EVIDENCE_NOT_PROVIDED), false, null, "policy-evaluator", null, false);
    }

    /**
     * The escalation of a review opened at {@link #OPENED_AT}, due at {@link #DUE_AT} and found overdue at
     * {@link #DECIDED_AT}; {@code claimedBy} is null when nobody holds it.
     */
    public static ReviewOverdue reviewOverdue(String refundId, Recipient to, String status, String claimedBy) {
        return new ReviewOverdue(header(refundId, to, "server.quality", "REVIEW_OVERDUE", REVIEW_OVERDUE), OPENED_AT,
                DUE_AT, status, claimedBy);
    }

    /** A decision of refund {@code refundId} on order o-{@code refundId}, under policy 2026.11-1. */
    private static DecisionHeader header(String refundId, Recipient to, String ruleId, String reasonCode,
            LocalizedText reason) {
        return new DecisionHeader(refundId, caseNumber(), "o-" + refundId, to, DECIDED_AT, "2026.11-1", ruleId,
                reasonCode, reason);
    }

    public static <T extends RefundDecision> EventEnvelope<T> event(T decision) {
        return EventEnvelope.of(SOURCE, decision, Clock.systemUTC());
    }
}
