package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Events read before the request they refer to are held, applied when the request arrives, and dead-lettered
 * with the cause when it never does: nothing that arrived vanishes.
 */
@IntakeTest
class EarlyEventsTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Clock clock = Clock.systemUTC();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aDecisionReadBeforeThePartnersRequestIsAppliedWhenTheRequestArrives() {
        // given: the evaluator's approval is read before the partner's request it answers
        String customerId = "c-early-" + UUID.randomUUID();
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, customerId, "en");
        String refundId = "r-early-" + UUID.randomUUID();
        kafka.publish(approval(refundId, order.orderId(), customerId));
        await().atMost(TIMEOUT).until(() -> parked(refundId) == 1);

        // when
        kafka.publish(Topics.PARTNER_REQUESTS, partnerRequest(refundId, order.orderId(), customerId));

        // then
        JsonNode item = await().atMost(TIMEOUT).until(() -> caseOf(customerId, refundId),
                found -> found != null && "APPROVED".equals(found.get("status").asString()));
        assertThat(item.get("channel").asString()).isEqualTo("API");
        assertThat(parked(refundId)).isZero();
    }

    @Test
    void aDecisionNotificationAndSettlementAllReadBeforeTheRequestAreAppliedWhenItArrives() {
        // given: the whole story of a refund is read before its request
        String customerId = "c-early-" + UUID.randomUUID();
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, customerId, "en");
        String refundId = "r-early-" + UUID.randomUUID();
        EventEnvelope<RefundApproved> approval = approval(refundId, order.orderId(), customerId);
        kafka.publish(approval);
        kafka.publish(EventEnvelope.of("notifier", new RefundNotified(refundId, approval.id(),
                approval.type().ceType(), NotificationStatus.SENT, "EMAIL", clock.instant(), null), clock));
        kafka.publish(EventEnvelope.of("billing", new BillingRefund(refundId, order.orderId(),
                Money.of("199.00", "CNY"), SettlementStatus.EXECUTED, null, clock.instant()), clock));
        await().atMost(TIMEOUT).until(() -> parked(refundId) == 3);

        // when
        kafka.publish(Topics.PARTNER_REQUESTS, partnerRequest(refundId, order.orderId(), customerId));

        // then
        JsonNode item = await().atMost(TIMEOUT).until(() -> caseOf(customerId, refundId),
                found -> found != null && "REFUNDED".equals(found.get("status").asString()));
        JsonNode view = api.get(tokens.customer(customerId), "/api/cases/" + item.get("caseId").asString()).json();
        assertThat(CaseFlow.step(view, "REVIEWED").get("outcome").asString()).isEqualTo("APPROVED");
        JsonNode notified = CaseFlow.step(view, "NOTIFIED");
        assertThat(notified.get("done").asBoolean()).isTrue();
        assertThat(notified.get("outcome").asString()).isEqualTo("SENT");
        assertThat(CaseFlow.step(view, "SETTLED").get("done").asBoolean()).isTrue();
        assertThat(parked(refundId)).isZero();
    }

    @Test
    void aDecisionWhoseRequestNeverArrivesIsDeadLetteredWithTheCauseWhenItsHoldEnds() {
        // given: an approval of a refund nobody requested, held
        String refundId = "r-never-" + UUID.randomUUID();
        EventEnvelope<RefundApproved> approval = approval(refundId, Fixtures.orderId(), "c-1");
        kafka.publish(approval);
        await().atMost(TIMEOUT).until(() -> parked(refundId) == 1);

        // when: its hold ends
        jdbc.update("update parked_event set expires_at = now() - interval '1 second' where refund_id = ?",
                refundId);

        // then
        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                KafkaTestClient.withKey(refundId), 1, TIMEOUT).get(0);
        assertThat(KafkaTestClient.header(dead, "ce_id")).isEqualTo(approval.id());
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.DECISIONS);
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-message"))
                .contains("refund " + refundId + " is unknown to refund-intake");
        assertThat(kafka.decode(dead).data()).isEqualTo(approval.data());
        await().atMost(TIMEOUT).until(() -> parked(refundId) == 0);
    }

    private static EventEnvelope<RefundApproved> approval(String refundId, String orderId, String customerId) {
        return EventEnvelope.of("policy-evaluator", new RefundApproved(new DecisionHeader(refundId, null, orderId,
                new Recipient(customerId, customerId + "@example.com", "en"), clock.instant(), "2026.11",
                "saas-guarantee", "WITHIN_GUARANTEE", CaseFlow.REASON), Money.of("199.00", "CNY")), clock);
    }

    private static EventEnvelope<RefundRequested> partnerRequest(String refundId, String orderId,
            String customerId) {
        return EventEnvelope.of("partner", new RefundRequested(refundId, null, orderId, customerId,
                Ground.UNSATISFIED, RequestKind.REFUND, "sent by the partner portal", "en", List.of(),
                clock.instant()), clock);
    }

    private int parked(String refundId) {
        return jdbc.queryForObject("select count(*) from parked_event where refund_id = ?", Integer.class, refundId);
    }

    private JsonNode caseOf(String customerId, String refundId) {
        for (JsonNode candidate : api.get(tokens.customer(customerId), "/api/cases").json().get("items")) {
            if (refundId.equals(candidate.path("refundId").asString(null))) {
                return candidate;
            }
        }
        return null;
    }
}
