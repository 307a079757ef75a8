package io.refundflow.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning for the whole run, through broker restarts, and keeps what it saw: every
 * record's key, headers and size (never the payload, which may be 900 KB of garbage).
 */
final class TopicWatcher implements AutoCloseable {

    /** One record as seen: its headers as text. */
    record Seen(String topic, String key, Map<String, String> headers, int size, long offset, int partition) {

        String header(String name) {
            return headers.get(name);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    TopicWatcher(Map<String, String> connection, List<String> topics) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-watcher-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2_000_000);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            seen.put(topic, new CopyOnWriteArrayList<>());
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::poll, "faults-topic-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    record.headers().forEach(h -> {
                        if (h.value() != null && !h.key().equals("kafka_dlt-exception-stacktrace")) {
                            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                        }
                    });
                    seen.get(record.topic()).add(new Seen(record.topic(), record.key(), headers,
                            record.value() == null ? 0 : record.value().length, record.offset(), record.partition()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    List<Seen> seen(String topic) {
        return List.copyOf(seen.get(topic));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
