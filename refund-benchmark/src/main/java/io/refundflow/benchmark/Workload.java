package io.refundflow.benchmark;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import io.refundflow.launcher.BillingSettlements;
import io.refundflow.launcher.DemoBilling;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The refunds of one phase, prepared before it starts: one billing order per refund (so the "one open request
 * per order" rule never bites), owned by one of N synthetic customers, of the kind the mix says next.
 */
final class Workload {

    /** One refund to drive: its order, the order's owner and what kind of refund it is. */
    record Prepared(int index, String orderId, String customerId, String locale, Scenario scenario) {
    }

    private final List<Prepared> refunds;

    private Workload(List<Prepared> refunds) {
        this.refunds = refunds;
    }

    static String customerId(int k) {
        return "bench-c-" + k;
    }

    static Workload prepare(String phase, int count, ProductMix mix, int customers) {
        List<Prepared> list = new ArrayList<>(count);
        ProductMix sequence = mix.restart();
        for (int i = 0; i < count; i++) {
            int k = i % customers;
            list.add(new Prepared(i, "bo-" + phase + "-" + i, customerId(k), k % 2 == 0 ? "en" : "zh",
                    sequence.next()));
        }
        return new Workload(list);
    }

    List<Prepared> refunds() {
        return refunds;
    }

    int size() {
        return refunds.size();
    }

    /**
     * Publishes the billing orders and waits until the services have stored them all and billing (which pays the
     * approvals on them back) has read them.
     */
    void publishOrders(Map<String, String> connection, EventCodec codec, BillingSettlements billing, Duration timeout)
            throws Exception {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (Prepared p : refunds) {
                BillingOrder order = p.scenario().order(p.orderId(), p.customerId(), p.customerId() + "@example.com",
                        p.locale(), now);
                EncodedEvent event = codec.encode(EventEnvelope.of(DemoBilling.SOURCE, order, clock));
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(),
                        event.payload());
                event.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record, (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing billing orders failed: " + failure.get(), failure.get());
        }
        // every service keeps a billing copy (the notifier checks recipients against it), and so does billing, in
        // this JVM: a phase measures refunds, not a backlog of orders one of them is still reading (billing's
        // reading of a phase's orders was 41 % of this JVM's CPU samples in a profiled phase)
        awaitConsumed(connection, Topics.BILLING_ORDERS, Set.of("refund-intake", "policy-evaluator", "notifier"),
                billing, timeout);
    }

    /** Waits until each group's committed offsets, and billing's reading in this JVM, reach the end of the topic. */
    static void awaitConsumed(Map<String, String> connection, String topic, Set<String> groups,
            BillingSettlements billing, Duration timeout) throws Exception {
        Properties props = new Properties();
        props.putAll(connection);
        try (Admin admin = Admin.create(props)) {
            int partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastPrint = 0;
            while (true) {
                long behind = billing.ordersBehind(ends);
                for (String group : groups) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        behind += end.getValue() - (at == null ? 0 : at.offset());
                    }
                }
                if (behind <= 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(groups + " and billing still " + behind + " records behind on "
                            + topic + " after " + timeout);
                }
                if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                    System.out.printf("  waiting for %s and billing to read %s: %d of %d records left%n", groups,
                            topic, behind, total * (groups.size() + 1));
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(250);
            }
        }
    }
}
