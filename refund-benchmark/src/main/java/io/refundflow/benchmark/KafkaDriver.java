package io.refundflow.benchmark;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.launcher.KafkaAccess;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The partner path: valid RefundRequested events published onto refund.requests.partner, as
 * docs/partner-requests.md describes. refund-intake records each as a case (channel API) and forwards it to
 * refund.requests, where policy-evaluator decides it; there is no HTTP in the way.
 */
final class KafkaDriver implements Driver {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec;
    private final RefundLedger ledger;
    private final Clock clock = Clock.systemUTC();

    KafkaDriver(Map<String, String> connection, EventCodec codec, RefundLedger ledger) {
        this.codec = codec;
        this.ledger = ledger;
        this.producer = new KafkaProducer<>(producerSettings(connection), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The producer settings the services get from refund-platform-defaults.properties. */
    static Properties producerSettings(Map<String, String> connection) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return props;
    }

    static RefundRequested request(Workload.Prepared p, String refundId, Clock clock) {
        return new RefundRequested(refundId, null, p.orderId(), p.customerId(), p.scenario().ground(),
                p.scenario().requestKind(), "benchmark refund " + p.index(), p.locale(), List.of(), clock.instant());
    }

    static ProducerRecord<String, byte[]> record(EncodedEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PARTNER_REQUESTS, event.key(),
                event.payload());
        event.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    @Override
    public String path() {
        return "kafka";
    }

    @Override
    public CompletableFuture<Void> submit(Workload.Prepared p, String phase, long intendedNanos) {
        String refundId = "bk-" + p.orderId().substring(3);
        EncodedEvent event = codec.encode(EventEnvelope.of(KafkaAccess.PARTNER, request(p, refundId, clock), clock));
        CompletableFuture<Void> done = new CompletableFuture<>();
        long sent = System.nanoTime();
        ledger.submitted(refundId, phase, p.scenario(), intendedNanos < 0 ? sent : intendedNanos);
        producer.send(record(event), (metadata, e) -> {
            if (e != null) {
                ledger.counters(phase).errors.incrementAndGet();
                System.err.println("publishing " + refundId + " failed: " + e);
            }
            done.complete(null);
        });
        return done;
    }

    @Override
    public void close() {
        producer.close();
    }
}
