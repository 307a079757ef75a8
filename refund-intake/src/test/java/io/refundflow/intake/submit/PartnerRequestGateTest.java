package io.refundflow.intake.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A partner's request passes through intake, the one gate, before anything decides on it. */
@IntakeTest
class PartnerRequestGateTest {

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
    void partnersRequestShowsUpAsACaseOfTheCustomer() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "r-partner-" + UUID.randomUUID();

        kafka.publish(Topics.PARTNER_REQUESTS, partnerRequest(refundId, order.orderId(), clock.instant(), List.of()));

        JsonNode item = await().atMost(TIMEOUT).until(() -> caseOf("c-1", refundId), found -> found != null);
        assertThat(item.get("channel").asString()).isEqualTo("API");
        assertThat(item.get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void forwardedRequestCarriesTheBrokersTimeNotTheBackdatedOneThePartnerClaims() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "r-partner-" + UUID.randomUUID();
        Instant backdated = clock.instant().minus(8, ChronoUnit.DAYS);
        Instant before = clock.instant().minusSeconds(5);

        kafka.publish(Topics.PARTNER_REQUESTS, partnerRequest(refundId, order.orderId(), backdated, List.of()));

        RefundRequested forwarded = forwarded(refundId);
        assertThat(forwarded.submittedAt()).isAfter(before).isBefore(clock.instant().plusSeconds(5));
    }

    @Test
    void forwardedRequestCarriesTheBrokersTimeNotTheBackdatedRecordTimestampOfThePartnersProducer() {
        // given a partner whose producer stamps its record eight days in the past
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "r-partner-" + UUID.randomUUID();
        Instant backdated = clock.instant().minus(8, ChronoUnit.DAYS);

        // when its request reaches the broker
        RecordMetadata appended = kafka.publishStamped(Topics.PARTNER_REQUESTS,
                partnerRequest(refundId, order.orderId(), backdated, List.of()), backdated);

        // then the request is forwarded as submitted at the broker's append time, to the millisecond
        Instant brokerTime = Instant.ofEpochMilli(appended.timestamp());
        assertThat(brokerTime).isAfter(backdated.plus(7, ChronoUnit.DAYS));
        assertThat(forwarded(refundId).submittedAt()).isEqualTo(brokerTime);
    }

    @Test
    void thePartnersTopicIsStampedWithTheBrokersClock() {
        assertThat(kafka.topicConfig(Topics.PARTNER_REQUESTS, "message.timestamp.type")).isEqualTo("LogAppendTime");
    }

    @Test
    void forwardedRequestIsIntakesOwnWithACaseNumber() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "r-partner-" + UUID.randomUUID();

        kafka.publish(Topics.PARTNER_REQUESTS, partnerRequest(refundId, order.orderId(), clock.instant(), List.of()));

        ConsumerRecord<String, byte[]> record = kafka.await(Topics.REQUESTS, KafkaTestClient.withKey(refundId), 1,
                TIMEOUT).get(0);
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("refund-intake");
        assertThat(((RefundRequested) kafka.decode(record).data()).caseNumber()).matches("RF-\\d{4}-\\d{6}");
    }

    @Test
    void evidenceThePartnerClaimsButIntakeDoesNotHoldIsNotForwarded() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "r-partner-" + UUID.randomUUID();
        List<Evidence> claimed = List.of(new Evidence("usage.csv", "text/csv", 120, "a".repeat(64)));

        kafka.publish(Topics.PARTNER_REQUESTS, partnerRequest(refundId, order.orderId(), clock.instant(), claimed));

        assertThat(forwarded(refundId).evidence()).isEmpty();
    }

    @Test
    void secondPartnerRequestWithATakenRefundIdIsNotForwarded() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String refundId = "r-partner-" + UUID.randomUUID();
        kafka.publish(Topics.PARTNER_REQUESTS, partnerRequest(refundId, order.orderId(), clock.instant(), List.of()));
        forwarded(refundId);

        EventEnvelope<RefundRequested> second = partnerRequest(refundId, order.orderId(), clock.instant(), List.of());
        kafka.publish(Topics.PARTNER_REQUESTS, second);

        // then, once intake has handled it and its outbox holds nothing for the refund, the log has one request
        await().atMost(TIMEOUT).until(() -> handled(second) && nothingToRelay(refundId));
        assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(refundId), TIMEOUT)).hasSize(1);
    }

    private boolean handled(EventEnvelope<?> event) {
        return jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class,
                event.id()) == 1;
    }

    private boolean nothingToRelay(String key) {
        return jdbc.queryForObject("select count(*) from outbox_event where msg_key = ?", Integer.class, key) == 0;
    }

    private static EventEnvelope<RefundRequested> partnerRequest(String refundId, String orderId, Instant submittedAt,
            List<Evidence> evidence) {
        return EventEnvelope.of(PartnerBoundsTest.PARTNER, new RefundRequested(refundId, null, orderId, "c-1",
                Ground.UNSATISFIED, RequestKind.REFUND, "sent by the partner portal", "en", evidence, submittedAt),
                clock);
    }

    private static RefundRequested forwarded(String refundId) {
        return (RefundRequested) kafka.decode(
                kafka.await(Topics.REQUESTS, KafkaTestClient.withKey(refundId), 1, TIMEOUT).get(0)).data();
    }

    private JsonNode caseOf(String customerId, String refundId) {
        for (JsonNode candidate : api.get(tokens.customer(customerId), "/api/cases?size=100").json().get("items")) {
            if (refundId.equals(candidate.path("refundId").asString(null))) {
                return candidate;
            }
        }
        return null;
    }
}
