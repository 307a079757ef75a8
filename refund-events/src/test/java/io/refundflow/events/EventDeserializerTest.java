package io.refundflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private static RecordHeaders headers(EncodedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
