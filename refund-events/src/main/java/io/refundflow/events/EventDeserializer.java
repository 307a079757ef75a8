package io.refundflow.events;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link EventEnvelope}. Throws {@link InvalidEventException} for an event
 * that breaks its contract (against its schema on a topic at the trust boundary, {@link Topics#validatedOnRead}); wrap it in Spring Kafka's {@code ErrorHandlingDeserializer} so that such a
 * record is dead-lettered instead of blocking the partition. A tombstone (null value) yields null.
 *
 * <p>With the consumer setting {@value #EXPECTED_SOURCES} it also refuses an event whose {@code ce_source} is
 * not one of the producers expected on its topic ({@link ExpectedSources}).
 */
public class EventDeserializer implements Deserializer<EventEnvelope<?>> {

    /** Consumer setting naming the expected producers per topic, e.g. {@code refund.decisions=policy-evaluator}. */
    public static final String EXPECTED_SOURCES = "refund.expected.sources";

    private final EventCodec codec;
    private ExpectedSources expectedSources = ExpectedSources.ANY;

    public EventDeserializer() {
        this(new EventCodec());
    }

    public EventDeserializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object expected = configs.get(EXPECTED_SOURCES);
        expectedSources = ExpectedSources.parse(expected == null ? null : expected.toString());
    }

    @Override
    public EventEnvelope<?> deserialize(String topic, byte[] data) {
        throw new UnsupportedOperationException("events need headers; use deserialize(topic, headers, data)");
    }

    @Override
    public EventEnvelope<?> deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        EventEnvelope<?> event = codec.decode(topic, CloudEventHeaders.read(headers), data);
        if (!event.type().travelsOn(topic)) {
            throw new InvalidEventException("header " + CloudEventHeaders.TYPE + ": " + event.type().ceType()
                    + " does not belong on topic " + topic);
        }
        expectedSources.check(topic, event.source());
        return event;
    }
}
