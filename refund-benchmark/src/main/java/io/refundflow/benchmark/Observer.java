package io.refundflow.benchmark;

import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's own reader of refund.decisions and refund.notifications: assigned to every partition from
 * the current end (no group join to wait for), it stamps each event with the moment it arrived. A decision's
 * arrival here is the refund's decision time; a SENT notification's arrival (published by the notifier after
 * the SMTP server accepted the email) is its email time.
 */
final class Observer implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final RefundLedger ledger;
    private final JsonMapper json = JsonMapper.builder().build();
    private Thread thread;
    private volatile boolean running;

    Observer(Map<String, String> connection, RefundLedger ledger) {
        this.ledger = ledger;
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.DECISIONS, Topics.NOTIFICATIONS)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist (did the services start?)");
            }
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is submitted
        running = true;
        thread = new Thread(this::loop, "observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    try {
                        handle(r, now);
                    } catch (RuntimeException e) {
                        System.err.println("observer: unreadable record on " + r.topic() + "@" + r.offset() + ": " + e);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r, long now) {
        String eventId = header(r, CloudEventHeaders.ID);
        String type = header(r, CloudEventHeaders.TYPE);
        if (r.key() == null || eventId == null || type == null) {
            return;
        }
        if (r.topic().equals(Topics.DECISIONS)) {
            ledger.decision(r.key(), eventId, type, approvedAmount(type, r.value()), now);
        } else {
            JsonNode payload = json.readTree(r.value());
            ledger.notification(r.key(), eventId, payload.path("decisionEventId").asString(),
                    payload.path("status").asString(), now);
        }
    }

    /**
     * The amount an approval grants (null for the other decisions, which grant nothing); an unreadable amount is
     * reported and left unchecked rather than losing the decision.
     */
    private BigDecimal approvedAmount(String type, byte[] payload) {
        if (!type.endsWith(".approved.v1")) {
            return null;
        }
        try {
            return new BigDecimal(json.readTree(payload).path("refundAmount").path("amount").asString());
        } catch (RuntimeException e) {
            System.err.println("observer: approval without a readable refundAmount: " + e);
            return null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        if (thread == null) {
            consumer.close(Duration.ofSeconds(2));
        } else {
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
