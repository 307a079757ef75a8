package io.refundflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final Clock clock = Clock.fixed(SampleEvents.NOW, ZoneOffset.UTC);

    static Stream<Object> payloads() {
        return SampleEvents.everyType().stream();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void everyEventRoundTripsThroughJsonUnchanged(Object payload) {
        EventEnvelope<Object> sent = EventEnvelope.of("test", payload, clock);

        EncodedEvent wire = codec.encode(sent);
        EventEnvelope<?> received = codec.decode(wire.headers(), wire.payload());

        assertThat(received).isEqualTo(sent);
    }

    @Test
    void everyEventTypeHasASampleSoNoTypeGoesUntested() {
        assertThat(payloads().map(EventType::of)).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void encodedEventCarriesCloudEventsHeadersWithRefundIdAsSubjectAndKey() {
        EventEnvelope<Object> sent = EventEnvelope.of("refund-intake", SampleEvents.everyType().get(1), clock);

        EncodedEvent wire = codec.encode(sent);

        assertThat(wire.key()).isEqualTo("r-1");
        assertThat(wire.topic()).isEqualTo(Topics.REQUESTS);
        assertThat(wire.headers())
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", sent.id())
                .containsEntry("ce_source", "refund-intake")
                .containsEntry("ce_type", "io.refundflow.refund.requested.v1")
                .containsEntry("ce_time", "2026-11-03T08:00:00Z")
                .containsEntry("ce_subject", "r-1");
    }

    @Test
    void moneyTravelsAsAStringNeverAsAFloat() {
        EncodedEvent wire = codec.encode(EventEnvelope.of("test", SampleEvents.everyType().get(2), clock));

        assertThat(new String(wire.payload(), StandardCharsets.UTF_8))
                .contains("\"refundAmount\":{\"amount\":\"100.00\",\"currency\":\"CNY\"}");
    }

    @Test
    void payloadMissingARequiredFieldIsRejectedNamingTheField() {
        Map<String, String> headers = requestHeaders();
        String payload = "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"ground\":\"UNSATISFIED\","
                + "\"kind\":\"REFUND\",\"submittedAt\":\"2026-11-03T08:00:00Z\"}";

        assertThatThrownBy(() -> codec.decode(headers, bytes(payload)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("refundId")
                .hasMessageContaining("required");
    }

    @Test
    void payloadWithAnUnknownEnumValueIsRejectedNamingTheField() {
        String payload = validRequestJson().replace("\"UNSATISFIED\"", "\"BORED\"");

        assertThatThrownBy(() -> codec.decode(requestHeaders(), bytes(payload)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ground");
    }

    @Test
    void payloadWithAFloatAmountIsRejectedNamingTheField() {
        Map<String, String> headers = requestHeaders();
        headers.put("ce_type", EventType.BILLING_ORDER.ceType());
        headers.put("ce_subject", "o-1");
        String payload = "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"customerEmail\":\"a@example.com\","
                + "\"productKind\":\"SAAS\",\"billingMode\":\"SUBSCRIPTION\","
                + "\"paidAmount\":{\"amount\":100.5,\"currency\":\"CNY\"},\"paidAt\":\"2026-11-01T08:00:00Z\","
                + "\"termStart\":\"2026-11-01T08:00:00Z\",\"termEnd\":\"2027-11-01T08:00:00Z\"}";

        assertThatThrownBy(() -> codec.decode(headers, bytes(payload)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("paidAmount");
    }

    @Test
    void failedSettlementWithoutAReasonIsRejectedNamingTheField() {
        String payload = "{\"refundId\":\"r-1\",\"orderId\":\"o-1\",\"amount\":{\"amount\":\"10.00\","
                + "\"currency\":\"CNY\"},\"status\":\"FAILED\",\"occurredAt\":\"2026-11-03T08:00:00Z\"}";

        assertThatThrownBy(() -> codec.decode(settlementHeaders(), bytes(payload)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("reason");
    }

    @Test
    void settlementOfZeroIsRejectedNamingTheAmount() {
        String payload = "{\"refundId\":\"r-1\",\"orderId\":\"o-1\",\"amount\":{\"amount\":\"0.00\","
                + "\"currency\":\"CNY\"},\"status\":\"EXECUTED\",\"occurredAt\":\"2026-11-03T08:00:00Z\"}";

        assertThatThrownBy(() -> codec.decode(settlementHeaders(), bytes(payload)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("amount");
    }

    @Test
    void malformedJsonIsRejectedAsMalformed() {
        assertThatThrownBy(() -> codec.decode(requestHeaders(), bytes("{\"refundId\": ")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void rejectionSurvivesJavaSerializationWithItsCauseSoDeadLettersCanNameIt() throws Exception {
        InvalidEventException rejection = catchInvalid(() -> codec.decode(requestHeaders(), bytes("{\"refundId\": ")));

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(rejection);
        }
        Object copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat((Throwable) copy).hasMessage(rejection.getMessage()).hasCauseInstanceOf(RuntimeException.class);
    }

    private static InvalidEventException catchInvalid(Runnable action) {
        try {
            action.run();
        } catch (InvalidEventException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidEventException");
    }

    @Test
    void missingCloudEventsHeaderIsRejectedNamingTheHeader() {
        Map<String, String> headers = requestHeaders();
        headers.remove("ce_id");

        assertThatThrownBy(() -> codec.decode(headers, bytes(validRequestJson())))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("missing header ce_id");
    }

    @Test
    void unknownEventTypeIsRejectedNamingTheType() {
        Map<String, String> headers = requestHeaders();
        headers.put("ce_type", "com.example.surprise");

        assertThatThrownBy(() -> codec.decode(headers, bytes(validRequestJson())))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("com.example.surprise");
    }

    @Test
    void subjectThatDisagreesWithThePayloadIsRejected() {
        Map<String, String> headers = requestHeaders();
        headers.put("ce_subject", "someone-elses-refund");

        assertThatThrownBy(() -> codec.decode(headers, bytes(validRequestJson())))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_subject");
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void everyEventTypeBuiltFromItsRecordMatchesItsSchema(Object payload) {
        EncodedEvent wire = codec.encode(EventEnvelope.of("test", payload, clock));

        codec.requireValid(wire);
    }

    @Test
    void theContractCheckNamesWhatAnEventBuiltFromRecordsViolates() {
        // encoding does not check (a service's events are proven by its tests), the contract check does
        RefundRequested invalid = new RefundRequested("r 1 with spaces", null, "o-1", "c-1", Ground.UNSATISFIED,
                RequestKind.REFUND, null, null, null, SampleEvents.NOW);
        EncodedEvent wire = codec.encode(EventEnvelope.of("test", invalid, clock));

        assertThatThrownBy(() -> codec.requireValid(wire))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("payload violates schema")
                .hasMessageContaining("refundId");
    }

    private static Map<String, String> requestHeaders() {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "e-1");
        headers.put("ce_source", "partner");
        headers.put("ce_type", EventType.REFUND_REQUESTED.ceType());
        headers.put("ce_time", "2026-11-03T08:00:00Z");
        headers.put("ce_subject", "r-1");
        return headers;
    }

    private static Map<String, String> settlementHeaders() {
        Map<String, String> headers = requestHeaders();
        headers.put("ce_source", "billing");
        headers.put("ce_type", EventType.BILLING_REFUND.ceType());
        headers.put("ce_subject", "o-1");
        return headers;
    }

    private static String validRequestJson() {
        return "{\"refundId\":\"r-1\",\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"ground\":\"UNSATISFIED\","
                + "\"kind\":\"REFUND\",\"submittedAt\":\"2026-11-03T08:00:00Z\"}";
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
