package io.refundflow.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The nine header fields are defined once, in {@code decision-header.schema.json}; each decision's schema only
 * references it. This checks that every one of the six still enforces the header: a decision that lacks a required
 * header field, or carries a malformed one, is rejected naming the field, both where the whole schema is checked
 * (the trust boundary) and where only its required properties are (read from refund.decisions).
 */
class DecisionHeaderSchemaTest {

    private static final List<String> REQUIRED = List.of("refundId", "orderId", "recipient", "decidedAt",
            "policyVersion", "ruleId", "reasonCode", "reason");

    private final EventCodec codec = new EventCodec();
    private final Clock clock = Clock.fixed(SampleEvents.NOW, ZoneOffset.UTC);

    static Stream<Arguments> decisionsAndRequiredFields() {
        return DecisionWireFormatTest.decisions()
                .flatMap(decision -> REQUIRED.stream().map(field -> Arguments.of(EventType.of(decision), field)));
    }

    static Stream<Arguments> decisionSamplesAndRequiredFields() {
        return DecisionWireFormatTest.decisions()
                .flatMap(decision -> REQUIRED.stream().map(field -> Arguments.of(decision, field)));
    }

    static Stream<EventType> decisionTypes() {
        return DecisionWireFormatTest.decisions().map(EventType::of);
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("decisionsAndRequiredFields")
    void aDecisionWithoutAHeaderFieldIsRejectedNamingIt(EventType type, String field) throws IOException {
        ObjectNode payload = recorded(type);
        payload.remove(field);

        assertThatThrownBy(() -> codec.decodePayload(type, codec.mapper().writeValueAsBytes(payload)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("." + field + ": required property missing");
    }

    @ParameterizedTest(name = "{0} without {1}, read from refund.decisions")
    @MethodSource("decisionSamplesAndRequiredFields")
    void anInHouseDecisionWithoutAHeaderFieldIsDeadLetteredNamingIt(RefundDecision decision, String field)
            throws IOException {
        EncodedEvent wire = codec.encode(EventEnvelope.of("policy-evaluator", decision, clock));
        ObjectNode payload = recorded(EventType.of(decision));
        payload.remove(field);

        assertThatThrownBy(() -> codec.decode(Topics.DECISIONS, wire.headers(),
                codec.mapper().writeValueAsBytes(payload)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("." + field + ": required property missing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionTypes")
    void aDecisionWithAMalformedHeaderFieldIsRejectedNamingIt(EventType type) throws IOException {
        ObjectNode payload = recorded(type);
        payload.put("reasonCode", "not a code");

        assertThatThrownBy(() -> codec.decodePayload(type, codec.mapper().writeValueAsBytes(payload)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("reasonCode");
    }

    private ObjectNode recorded(EventType type) throws IOException {
        String name = type.schemaResource().replace("/schemas/", "/wire-format/").replace(".schema.json", ".json");
        try (InputStream in = DecisionHeaderSchemaTest.class.getResourceAsStream(name)) {
            return (ObjectNode) codec.mapper().readTree(in);
        }
    }
}
