package io.refundflow.events;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link EventEnvelope}. Throws {@link InvalidEventException} for an event
 * that breaks its contract; wrap it in Spring Kafka's {@code ErrorHandlingDeserializer} so that such a
 * record is dead-lettered instead of blocking the partition. A tombstone (null value) yields null.
 */
public class EventDeserializer implements Deserializer<EventEnvelope<?>> {

    private final EventCodec codec;

    public EventDeserializer() {
        this(new EventCodec());
    }

    public EventDeserializer(EventCodec codec) {
        this.codec = codec;
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
        EventEnvelope<?> event = codec.decode(CloudEventHeaders.read(headers), data);
        if (!event.type().travelsOn(topic)) {
            throw new InvalidEventException("header " + CloudEventHeaders.TYPE + ": " + event.type().ceType()
                    + " does not belong on topic " + topic);
        }
        return event;
    }
}
