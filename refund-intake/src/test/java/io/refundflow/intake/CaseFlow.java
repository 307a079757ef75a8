package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.SettlementStatus;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A customer's case walked through the flow over HTTP, with the other steps' events published as they would be. */
final class CaseFlow {

    static final Clock CLOCK = Clock.systemUTC();
    static final LocalizedText REASON = new LocalizedText("inside the 5-day guarantee", "在5天保障期内");
    static final LocalizedText EVIDENCE_REASON = new LocalizedText("The reviewer needs more evidence",
            "审核人员需要更多证据");

    private final Api api;
    private final String token;
    private final KafkaTestClient kafka;

    CaseFlow(Api api, String token, KafkaTestClient kafka) {
        this.api = api;
        this.token = token;
        this.kafka = kafka;
    }

    record Submitted(String caseId, String caseNumber, String orderId, String refundId) {
    }

    /** Opens a case on the order and submits it. */
    Submitted submitted(BillingOrder order) {
        JsonNode opened = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json();
        String caseId = opened.get("caseId").asString();
        JsonNode submitted = submit(caseId).json();
        return new Submitted(caseId, opened.get("caseNumber").asString(), order.orderId(),
                submitted.get("refundId").asString());
    }

    /** Opens a case on the order; returns its id. */
    String opened(BillingOrder order) {
        return api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json().get("caseId")
                .asString();
    }

    Api.Response submit(String caseId) {
        return api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(), List.of());
    }

    /** Publishes the evaluator's approval of the submission and waits until the case shows it. */
    void approved(Submitted submitted, Money amount) {
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundApproved(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), new Recipient("c-1", "c-1@example.com", "en"),
                CLOCK.instant(), "2026.11", "saas-guarantee", "WITHIN_GUARANTEE", REASON), amount), CLOCK));
        awaitCase(submitted.caseId(), c -> "APPROVED".equals(c.get("status").asString()));
    }

    /** Publishes the evaluator's hand-over to a person and waits until the case shows it under review. */
    /**
     * A reviewer's approval of an exchange, carrying {@code amount} (null as the review step sends it; an amount
     * as a decision written before exchanges had their own outcome would), read once the case shows it.
     */
    void exchangeApproved(Submitted submitted, Money amount) {
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundReviewed(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), new Recipient("c-1", "c-1@example.com", "en"),
                CLOCK.instant(), "2026.11", "exchange.manual-review", RefundReviewed.EXCHANGE_APPROVED, REASON), true,
                amount, "ops-1", null, true), CLOCK));
        awaitCase(submitted.caseId(), c -> step(c, "REVIEWED").path("done").asBoolean());
    }

    void underReview(Submitted submitted) {
        kafka.publish(EventEnvelope.of("policy-evaluator", new ManualReviewRequired(
                new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), new Recipient("c-1", "c-1@example.com", "en"),
                CLOCK.instant(), "2026.11", "server-claim", "EVIDENCE_CHECK", REASON), Money.of("50.00", "CNY")),
                CLOCK));
        awaitCase(submitted.caseId(), c -> "UNDER_REVIEW".equals(c.get("status").asString()));
    }

    /** Publishes a reviewer's request for more evidence and waits until the case awaits it; returns the case. */
    JsonNode evidenceRequested(Submitted submitted, String message, Instant answerBy) {
        kafka.publish(EventEnvelope.of("policy-evaluator", new EvidenceRequested(
                new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), new Recipient("c-1", "c-1@example.com", "en"),
                CLOCK.instant(), "2026.11", "manual-review", "EVIDENCE_REQUESTED", EVIDENCE_REASON), message, answerBy,
                "ops-1"), CLOCK));
        return awaitCase(submitted.caseId(), c -> "AWAITING_EVIDENCE".equals(c.get("status").asString()));
    }

    /** Publishes billing's settlement of a refund; returns the event. */
    EventEnvelope<?> settled(String refundId, String orderId, Money amount, SettlementStatus status, String reason) {
        EventEnvelope<?> event = EventEnvelope.of("billing", new BillingRefund(refundId, orderId, amount, status,
                reason, CLOCK.instant()), CLOCK);
        kafka.publish(event);
        return event;
    }

    JsonNode awaitCase(String caseId, Predicate<JsonNode> condition) {
        JsonNode[] latest = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            latest[0] = api.get(token, "/api/cases/" + caseId).json();
            return condition.test(latest[0]);
        });
        return latest[0];
    }

    static JsonNode step(JsonNode caseView, String name) {
        for (JsonNode step : caseView.get("timeline")) {
            if (name.equals(step.get("step").asString())) {
                return step;
            }
        }
        throw new AssertionError("no " + name + " step in " + caseView);
    }
}
