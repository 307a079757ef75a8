package io.refundflow.evaluator.decide;

import static io.refundflow.evaluator.Fixtures.SOURCE;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A request that breaks its contract lands on refund.requests.DLT with the cause in its headers, and
 * consumption goes on: a valid request published after it is decided. A billing order from anyone but billing
 * lands on billing.orders.DLT the same way.
 */
@EvaluatorTest
class DeadLetterTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String DLT = Topics.deadLetter(Topics.REQUESTS);
    static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    Clock clock;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void malformedJsonIsDeadLetteredWithItsCauseAndTheNextRequestIsStillDecided() {
        // given a record with correct headers but a payload that is not JSON
        String badId = id("r");
        publishWithPayload(badId, "{\"refundId\": \"" + badId + "\", oops");

        // when a valid request follows it
        String goodId = publishValidRequest();

        // then the bad one is a dead letter naming the problem, and the good one is decided
        ConsumerRecord<String, byte[]> dead = deadLetter(badId);
        assertThat(cause(dead)).startsWith("payload: malformed JSON");
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.REQUESTS);
        assertThat(kafka.awaitEvents(Topics.DECISIONS, goodId, 1, WAIT).get(0).data())
                .isInstanceOf(RefundApproved.class);
    }

    @Test
    void aRequestWithoutARequiredPropertyIsDeadLetteredNamingItAndTheNextRequestIsStillDecided() {
        // given a request without its customer: refund.requests is in house, not checked against its whole schema,
        // but every property the schema requires is (Topics.validatedOnRead)
        String badId = id("r");
        publishWithPayload(badId, """
                {"refundId": "%s", "orderId": "o-1", "ground": "UNSATISFIED",
                 "kind": "REFUND", "submittedAt": "2026-11-03T08:00:00Z"}""".formatted(badId));

        // when a valid request follows it
        String goodId = publishValidRequest();

        // then
        assertThat(cause(deadLetter(badId))).isEqualTo("payload $.customerId: required property missing");
        assertThat(kafka.awaitEvents(Topics.DECISIONS, goodId, 1, WAIT)).hasSize(1);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(badId), WAIT)).isEmpty();
    }

    @Test
    void aRequestWithAnUnknownGroundIsDeadLetteredNamingTheFieldAndTheNextRequestIsStillDecided() {
        // given a request whose ground is not one the schema allows: typing into the record refuses it
        String badId = id("r");
        publishWithPayload(badId, """
                {"refundId": "%s", "orderId": "o-1", "customerId": "c-1", "ground": "SPACESHIP",
                 "kind": "REFUND", "submittedAt": "2026-11-03T08:00:00Z"}""".formatted(badId));

        // when a valid request follows it
        String goodId = publishValidRequest();

        // then
        ConsumerRecord<String, byte[]> dead = deadLetter(badId);
        assertThat(cause(dead)).startsWith("payload").contains("ground").contains("SPACESHIP");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("SPACESHIP");
        assertThat(kafka.awaitEvents(Topics.DECISIONS, goodId, 1, WAIT)).hasSize(1);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(badId), WAIT)).isEmpty();
    }

    @Test
    void aRequestWithoutItsEventIdHeaderIsDeadLetteredNamingTheHeader() {
        // given a valid payload without ce_id
        String badId = id("r");
        EncodedEvent encoded = kafka.codec().encode(EventEnvelope.of(SOURCE,
                Fixtures.request(badId, id("o"), "c-1", Ground.UNSATISFIED), clock));
        Map<String, String> headers = new HashMap<>(encoded.headers());
        headers.remove(CloudEventHeaders.ID);

        // when
        kafka.publishRaw(Topics.REQUESTS, badId, headers, encoded.payload());

        // then
        assertThat(cause(deadLetter(badId))).isEqualTo("missing header ce_id");
    }

    @Test
    void aRequestThatDidNotComeThroughIntakeIsDeadLetteredNamingItsSourceAndIsNotDecided() {
        // given a valid, fully refundable request published straight onto the trusted topic by a partner
        String orderId = id("o");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.saas(orderId, "c-1", daysAgo(1)), clock));

        // when
        kafka.publish(EventEnvelope.of("partner-shop", Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED),
                clock));

        // then
        assertThat(cause(deadLetter(refundId)))
                .isEqualTo("header ce_source: 'partner-shop' is not an expected producer of refund.requests"
                        + " (expected [refund-intake])");
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT)).isEmpty();
    }

    @Test
    void aBillingOrderFromAnotherProducerIsDeadLetteredNamingItsSourceAndChangesNoFact() {
        // given a SaaS order that billing says was paid 9 days ago, past its guarantee window
        String orderId = id("o");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.saas(orderId, "c-1", daysAgo(9)), clock));

        // when someone else publishes the same order as paid yesterday
        kafka.publish(EventEnvelope.of("partner-shop", Fixtures.saas(orderId, "c-1", daysAgo(1)), clock));

        // then the forgery is a dead letter naming its source, and a request is still decided on billing's facts
        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.deadLetter(Topics.BILLING_ORDERS),
                KafkaTestClient.withKey(orderId), 1, WAIT).get(0);
        assertThat(cause(dead)).isEqualTo("header ce_source: 'partner-shop' is not an expected producer of "
                + "billing.orders (expected [billing])");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(SOURCE, Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED), clock));
        assertThat(kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT).get(0).data())
                .isInstanceOf(RefundRejected.class);
    }

    private void publishWithPayload(String refundId, String payload) {
        EncodedEvent template = kafka.codec().encode(EventEnvelope.of(SOURCE,
                Fixtures.request(refundId, id("o"), "c-1", Ground.UNSATISFIED), clock));
        kafka.publishRaw(Topics.REQUESTS, refundId, template.headers(), payload.getBytes(StandardCharsets.UTF_8));
    }

    private String publishValidRequest() {
        String orderId = id("o");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.saas(orderId, "c-1", daysAgo(1)), clock));
        kafka.publish(EventEnvelope.of(SOURCE, Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED), clock));
        return refundId;
    }

    /**
     * The contract violation, as the dead letter's headers carry it. The platform's handler passes Spring
     * Kafka's DeserializationException ("failed to deserialize") to the recoverer, so
     * {@code kafka_dlt-exception-message} holds only that wrapper's message; the InvalidEventException that
     * names the problem is the "Caused by" of {@code kafka_dlt-exception-stacktrace}.
     */
    private static String cause(ConsumerRecord<String, byte[]> dead) {
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-fqcn")).isNotBlank();
        String marker = "Caused by: " + InvalidEventException.class.getName() + ": ";
        String trace = KafkaTestClient.header(dead, "kafka_dlt-exception-stacktrace");
        assertThat(trace).contains(marker);
        String cause = trace.substring(trace.indexOf(marker) + marker.length());
        return cause.lines().findFirst().orElse("").strip();
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String refundId) {
        return kafka.await(DLT, KafkaTestClient.withKey(refundId), 1, WAIT).get(0);
    }
}
