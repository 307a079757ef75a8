package io.refundflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision events' JSON is a published contract: every consumer (and the billing team's, outside this repository)
 * reads the nine header fields flat at the top level, in this order. The files under {@code wire-format/} were
 * written from the events before they shared {@link DecisionHeader}; a change to the Java shape that moves, renames,
 * nests or reorders a field turns this test red.
 */
class DecisionWireFormatTest {

    private final EventCodec codec = new EventCodec();
    private final Clock clock = Clock.fixed(SampleEvents.NOW, ZoneOffset.UTC);

    static Stream<RefundDecision> decisions() {
        return SampleEvents.everyType().stream()
                .filter(RefundDecision.class::isInstance).map(RefundDecision.class::cast);
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void encodesExactlyAsTheRecordedWireFormat(RefundDecision decision) throws IOException {
        EncodedEvent wire = codec.encode(EventEnvelope.of("test", decision, clock));

        assertThat(new String(wire.payload(), StandardCharsets.UTF_8)).isEqualTo(compact(recorded(decision)));
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void decodesTheRecordedWireFormatIntoTheSameEvent(RefundDecision decision) throws IOException {
        Object decoded = codec.decodePayload(EventType.of(decision), recorded(decision));

        assertThat(decoded).isEqualTo(decision);
    }

    private static byte[] recorded(RefundDecision decision) throws IOException {
        String name = EventType.of(decision).schemaResource()
                .replace("/schemas/", "/wire-format/").replace(".schema.json", ".json");
        try (InputStream in = DecisionWireFormatTest.class.getResourceAsStream(name)) {
            assertThat(in).as("recorded wire format %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The recorded files are pretty-printed for review; the wire is compact, with the same fields in order. */
    private String compact(byte[] json) {
        return codec.mapper().writeValueAsString(codec.mapper().readTree(json));
    }
}
