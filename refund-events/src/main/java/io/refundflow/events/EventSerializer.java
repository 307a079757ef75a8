package io.refundflow.events;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for {@link EventEnvelope}: JSON payload plus CloudEvents headers. */
public class EventSerializer implements Serializer<EventEnvelope<?>> {

    private final EventCodec codec;

    public EventSerializer() {
        this(new EventCodec());
    }

    public EventSerializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, EventEnvelope<?> event) {
        throw new UnsupportedOperationException("events need headers; use serialize(topic, headers, event)");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, EventEnvelope<?> event) {
        if (event == null) {
            return null;
        }
        EncodedEvent encoded = codec.encode(event);
        CloudEventHeaders.write(encoded.headers(), headers);
        return encoded.payload();
    }
}
