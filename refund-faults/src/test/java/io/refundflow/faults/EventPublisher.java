package io.refundflow.faults;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer we do not control, for valid and hostile records alike. Its sends ride out a broker restart
 * (generous delivery time-out); a send counts only once the broker acknowledged it.
 */
final class EventPublisher implements AutoCloseable {

    final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;

    /** @param connection Kafka client settings: bootstrap servers and the principal to sign in as */
    EventPublisher(Map<String, String> connection) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    void publish(EventEnvelope<?> event) {
        EncodedEvent encoded = codec.encode(event);
        publishRaw(encoded.topic(), encoded.key(), encoded.headers(), encoded.payload());
    }

    /** As a partner does: its request goes to the partners' topic, whence refund-intake forwards it. */
    void publishAsPartner(EventEnvelope<RefundRequested> request) {
        EncodedEvent encoded = codec.encode(request);
        publishRaw(Topics.PARTNER_REQUESTS, encoded.key(), encoded.headers(), encoded.payload());
    }

    /** Sends without waiting; {@link #flush()} waits for all and fails if one was not acknowledged. */
    void publishAsync(EventEnvelope<?> event) {
        EncodedEvent encoded = codec.encode(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(encoded.topic(), encoded.key(), encoded.payload());
        encoded.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failed.set(error);
            }
        });
    }

    void flush() {
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("a record was not acknowledged: " + failed.get(), failed.get());
        }
    }

    private final java.util.concurrent.atomic.AtomicReference<Exception> failed =
            new java.util.concurrent.atomic.AtomicReference<>();

    void publishRaw(String topic, String key, Map<String, String> headers, byte[] payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(150, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
