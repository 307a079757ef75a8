package io.refundflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventDeserializerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-03T08:00:00Z"), ZoneOffset.UTC);
    private final EventCodec codec = new EventCodec();
    private final EventDeserializer deserializer = new EventDeserializer(codec);

    @Test
    void partnersRequestIsReadFromThePartnerTopic() {
        EncodedEvent request = codec.encode(EventEnvelope.of("partner", SampleEvents.everyType().get(1), clock));

        EventEnvelope<?> read = deserializer.deserialize(Topics.PARTNER_REQUESTS, headers(request), request.payload());

        assertThat(read.data()).isInstanceOf(RefundRequested.class);
    }

    @Test
    void decisionOnThePartnerTopicIsRejectedNamingTheTopic() {
        EncodedEvent decision = codec.encode(EventEnvelope.of("partner", SampleEvents.everyType().get(2), clock));

        assertThatThrownBy(() -> deserializer.deserialize(Topics.PARTNER_REQUESTS, headers(decision),
                decision.payload()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("does not belong on topic " + Topics.PARTNER_REQUESTS);
    }

    @Test
    void billingEventOnTheTrustedRequestTopicIsRejected() {
        EncodedEvent order = codec.encode(EventEnvelope.of("billing", SampleEvents.everyType().get(0), clock));

        assertThatThrownBy(() -> deserializer.deserialize(Topics.REQUESTS, headers(order), order.payload()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("does not belong on topic " + Topics.REQUESTS);
    }

    @Test
    void decisionFromAnUnexpectedProducerIsRejectedNamingTheSource() {
        EventDeserializer checking = new EventDeserializer(codec);
        checking.configure(Map.of(EventDeserializer.EXPECTED_SOURCES,
                "refund.decisions=policy-evaluator; refund.notifications=notifier"), false);
        EncodedEvent forged = codec.encode(EventEnvelope.of("outsider", SampleEvents.everyType().get(2), clock));

        assertThatThrownBy(() -> checking.deserialize(Topics.DECISIONS, headers(forged), forged.payload()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_source: 'outsider' is not an expected producer of refund.decisions");
    }

    @Test
    void decisionFromTheExpectedProducerIsRead() {
        EventDeserializer checking = new EventDeserializer(codec);
        checking.configure(Map.of(EventDeserializer.EXPECTED_SOURCES, "refund.decisions=policy-evaluator"), false);
        EncodedEvent decision = codec.encode(EventEnvelope.of("policy-evaluator", SampleEvents.everyType().get(2),
                clock));

        assertThat(checking.deserialize(Topics.DECISIONS, headers(decision), decision.payload()).source())
                .isEqualTo("policy-evaluator");
    }

    @Test
    void topicWithoutExpectedProducersAcceptsAnySource() {
        EventDeserializer checking = new EventDeserializer(codec);
        checking.configure(Map.of(EventDeserializer.EXPECTED_SOURCES, "refund.decisions=policy-evaluator"), false);
        EncodedEvent order = codec.encode(EventEnvelope.of("any-billing", SampleEvents.everyType().get(0), clock));

        assertThat(checking.deserialize(Topics.BILLING_ORDERS, headers(order), order.payload()).source())
                .isEqualTo("any-billing");
    }

    @Test
    void theTrustBoundaryIsThePartnersAndBillingsTopicsNotOurOwn() {
        assertThat(Topics.validatedOnRead(Topics.PARTNER_REQUESTS)).isTrue();
        assertThat(Topics.validatedOnRead(Topics.BILLING_ORDERS)).isTrue();
        assertThat(Topics.validatedOnRead(Topics.BILLING_REFUNDS)).isTrue();
        assertThat(Topics.validatedOnRead(Topics.REQUESTS)).isFalse();
        assertThat(Topics.validatedOnRead(Topics.DECISIONS)).isFalse();
        assertThat(Topics.validatedOnRead(Topics.NOTIFICATIONS)).isFalse();
        // a topic nobody has classified is treated as foreign
        assertThat(Topics.validatedOnRead("refund.something-new")).isTrue();
    }

    @Test
    void aPartnersRequestIsCheckedAgainstItsSchemaAnInHouseOneIsNot() {
        // a request whose ids break the schema's pattern (a space): nothing typing would notice
        EncodedEvent request = codec.encode(EventEnvelope.of("partner", new RefundRequested("r 1", null, "o 1",
                "c-1", Ground.UNSATISFIED, RequestKind.REFUND, null, null, null, clock.instant()), clock));

        assertThatThrownBy(() -> deserializer.deserialize(Topics.PARTNER_REQUESTS, headers(request),
                request.payload()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("payload violates schema")
                .hasMessageContaining("refundId");
        // refund-intake is the only writer of refund.requests and builds it from what it validated
        assertThat(deserializer.deserialize(Topics.REQUESTS, headers(request), request.payload()).subject())
                .isEqualTo("r 1");
    }

    @Test
    void anInHouseDecisionWithoutARequiredPropertyIsStillRejectedNamingIt() {
        // an approval whose recipient has no email, as a producer with a leaked credential could write it
        EncodedEvent decision = codec.encode(EventEnvelope.of("policy-evaluator", SampleEvents.everyType().get(2),
                clock));
        byte[] noEmail = new String(decision.payload(), StandardCharsets.UTF_8)
                .replace("\"email\":\"alice@example.com\"", "\"email\":null").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(Topics.DECISIONS, headers(decision), noEmail))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("payload $.recipient.email: required property missing");
    }

    @Test
    void anInHouseEventOfTheWrongShapeIsRejectedWithoutItsSchema() {
        // the fault suite's "wrong-schema" record on refund.decisions: another event's fields under an approval's type
        EncodedEvent decision = codec.encode(EventEnvelope.of("policy-evaluator", SampleEvents.everyType().get(2),
                clock));
        byte[] wrongShape = "{\"refundId\":\"r-1\",\"ground\":\"FREE_MONEY\",\"status\":\"MAYBE\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(Topics.DECISIONS, headers(decision), wrongShape))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("payload $.orderId: required property missing");
    }

    @Test
    void malformedExpectedSourcesAreRefusedAtStartUp() {
        assertThatThrownBy(() -> ExpectedSources.parse("refund.decisions"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not topic=source");
    }

    private static RecordHeaders headers(EncodedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
