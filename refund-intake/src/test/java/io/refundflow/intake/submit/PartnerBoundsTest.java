package io.refundflow.intake.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.Topics;
import io.refundflow.intake.Api;
import io.refundflow.intake.Fixtures;
import io.refundflow.intake.IntakeTest;
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
 * A partner is bounded (issue 24): it speaks only as itself, only for the customer billing names as the order's
 * owner, never locks the owner out, and is dead-lettered at once for text the database would refuse.
 */
@IntakeTest
class PartnerBoundsTest {

    /** The principal kafka-acls.txt lets write refund.requests.partner. */
    static final String PARTNER = "partner";

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
    void aRequestWhoseSourceIsNotThePartnersPrincipalIsDeadLetteredNamingItsSource() {
        // given an order of c-1
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "r-partner-" + UUID.randomUUID();

        // when a request on the partner topic says it comes from someone else
        kafka.publish(Topics.PARTNER_REQUESTS, EventEnvelope.of("refund-intake",
                request(refundId, order.orderId(), "c-1", "sent as someone else"), clock));

        // then it is a dead letter naming the source, and nothing was forwarded
        assertThat(deadLetterCause(refundId)).isEqualTo("header ce_source: 'refund-intake' is not an expected"
                + " producer of " + Topics.PARTNER_REQUESTS + " (expected [" + PARTNER + "])");
        assertNothingForwarded(refundId);
    }

    @Test
    void aRequestNamingACustomerWhoDoesNotOwnTheOrderOpensNoCaseAndIsDeadLettered() {
        // given Alice's (c-1's) order
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "URGENT-call-4001234567-payout-" + UUID.randomUUID().toString().substring(0, 8);

        // when the partner asks for a refund of it naming c-2
        kafka.publish(Topics.PARTNER_REQUESTS, fromPartner(refundId, order.orderId(), "c-2", "call us now"));

        // then no case is opened, nothing is forwarded to the evaluator, and ops see the cause in the dead letter
        assertThat(deadLetterCause(refundId)).isEqualTo("customerId: 'c-2' is not the owner of order "
                + order.orderId() + " as billing knows it: no case opened");
        assertNothingForwarded(refundId);
        assertThat(casesOfOrder(order.orderId())).isZero();
    }

    @Test
    void aRequestForAnOrderBillingHasNotPublishedOpensNoCaseAndIsDeadLettered() {
        // given an order billing has not published (yet)
        String orderId = Fixtures.orderId();
        String refundId = "r-partner-" + UUID.randomUUID();

        // when the partner asks for a refund of it
        kafka.publish(Topics.PARTNER_REQUESTS, fromPartner(refundId, orderId, "c-2", "an order nobody knows"));

        // then no case is opened for the customer it names, and the dead letter says why (ops replay it later)
        assertThat(deadLetterCause(refundId)).isEqualTo("customerId: 'c-2' is not the owner of order " + orderId
                + " as billing knows it: no case opened");
        assertNothingForwarded(refundId);
        assertThat(casesOfOrder(orderId)).isZero();
    }

    @Test
    void theOwnersOwnSubmissionIsAcceptedWhileAPartnersRequestOnTheOrderIsOpen() {
        // given the partner's request on c-1's order, forwarded and not decided yet
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String partnerRefundId = "r-partner-" + UUID.randomUUID();
        kafka.publish(Topics.PARTNER_REQUESTS, fromPartner(partnerRefundId, order.orderId(), "c-1", "via the shop"));
        kafka.await(Topics.REQUESTS, KafkaTestClient.withKey(partnerRefundId), 1, TIMEOUT);

        // when c-1 opens a case of her own and submits it
        String token = tokens.customer("c-1");
        String caseId = api.postJson(token, Api.newKey(), "/api/cases", Fixtures.contactJson(order.orderId())).json()
                .get("caseId").asString();
        Api.Response submitted = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId),
                Fixtures.applicationJson(), List.of());

        // then her request is accepted and forwarded beside the partner's (the evaluator's ledger caps the order)
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        String ownRefundId = submitted.json().get("refundId").asString();
        kafka.await(Topics.REQUESTS, KafkaTestClient.withKey(ownRefundId), 1, TIMEOUT);
    }

    @Test
    void aRequestWithANulInItsDescriptionIsDeadLetteredAtOnceNamingTheField() {
        // given an order of c-1
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "r-partner-" + UUID.randomUUID();

        // when the partner's description holds a NUL, which PostgreSQL cannot store
        kafka.publish(Topics.PARTNER_REQUESTS, fromPartner(refundId, order.orderId(), "c-1", "broken\u0000text"));

        // then it is dead-lettered at once (not retried for minutes) naming the field, and nothing is forwarded
        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.deadLetter(Topics.PARTNER_REQUESTS),
                KafkaTestClient.withKey(refundId), 1, Duration.ofSeconds(10)).get(0);
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-message"))
                .isEqualTo("description: must not contain control characters");
        assertNothingForwarded(refundId);
        assertThat(casesOfOrder(order.orderId())).isZero();
    }

    static RefundRequested request(String refundId, String orderId, String customerId, String description) {
        return new RefundRequested(refundId, null, orderId, customerId, Ground.UNSATISFIED, RequestKind.REFUND,
                description, "en", List.of(), clock.instant());
    }

    static EventEnvelope<RefundRequested> fromPartner(String refundId, String orderId, String customerId,
            String description) {
        return EventEnvelope.of(PARTNER, request(refundId, orderId, customerId, description), clock);
    }

    private static String deadLetterCause(String refundId) {
        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.deadLetter(Topics.PARTNER_REQUESTS),
                KafkaTestClient.withKey(refundId), 1, TIMEOUT).get(0);
        return KafkaTestClient.header(dead, "kafka_dlt-exception-message");
    }

    /** Read after the dead letter, which the gate writes once it is done with the request. */
    private void assertNothingForwarded(String refundId) {
        assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(refundId), TIMEOUT)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where msg_key = ?", Integer.class,
                refundId)).isZero();
    }

    private int casesOfOrder(String orderId) {
        return jdbc.queryForObject("select count(*) from refund_case where order_id = ?", Integer.class, orderId);
    }
}
