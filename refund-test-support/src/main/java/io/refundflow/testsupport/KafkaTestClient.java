package io.refundflow.testsupport;

import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Plays the parts around a service under test: a producer we do not control (valid, malformed or hostile
 * records) and an observer that reads what a service published.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final Map<String, String> connection;
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;

    public KafkaTestClient() {
        this(RealInfrastructure.get().kafka().bootstrapServers());
    }

    public KafkaTestClient(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A client of a secured broker: {@code connection} holds bootstrap.servers and the sign-in settings. */
    public KafkaTestClient(Map<String, String> connection) {
        this.connection = Map.copyOf(connection);
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public EventCodec codec() {
        return codec;
    }

    /**
     * Publishes a well-formed event with its CloudEvents headers, as a correct producer would; returns where the
     * broker put it.
     */
    public RecordMetadata publish(EventEnvelope<?> event) {
        EncodedEvent encoded = codec.encode(event);
        return publishRaw(encoded.topic(), encoded.key(), encoded.headers(), encoded.payload());
    }

    /** Publishes a well-formed event on another topic its type may travel on (a partner's request topic). */
    public RecordMetadata publish(String topic, EventEnvelope<?> event) {
        EncodedEvent encoded = codec.encode(event);
        return publishRaw(topic, encoded.key(), encoded.headers(), encoded.payload());
    }

    /**
     * Publishes a well-formed event whose record carries this timestamp, as a producer with a wrong (or lying)
     * clock would; returns what the broker answered, whose timestamp is the broker's own on a topic stamped with
     * {@code LogAppendTime}.
     */
    public RecordMetadata publishStamped(String topic, EventEnvelope<?> event, Instant recordTimestamp) {
        EncodedEvent encoded = codec.encode(event);
        return send(new ProducerRecord<>(topic, null, recordTimestamp.toEpochMilli(), encoded.key(),
                encoded.payload()), encoded.headers());
    }

    /** Publishes exactly these bytes and headers, whatever they are; returns where the broker put them. */
    public RecordMetadata publishRaw(String topic, String key, Map<String, String> headers, byte[] payload) {
        return send(new ProducerRecord<>(topic, key, payload), headers);
    }

    /** The value of one setting of a topic, as the broker holds it. */
    public String topicConfig(String topic, String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            ConfigEntry entry = config.get(name);
            return entry == null ? null : entry.value();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the settings of " + topic, e);
        }
    }

    /**
     * Waits until the consumer group has committed an offset past this record. A service commits a poll's offsets
     * after the transaction that handled its records, so from then on whatever it did for the record is committed
     * (its outbox rows among it): the way to know that a record it ignores, such as a duplicate, was read at all.
     */
    public void awaitConsumed(String group, RecordMetadata record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = admin()) {
            Awaitility.await("group " + group + " past " + partition + "@" + record.offset()).atMost(timeout)
                    .until(() -> committedOffset(admin, group, partition) > record.offset());
        }
    }

    /**
     * Moves a consumer group that is not running to the end of the topic, so that it reads only what is published
     * from now on: for a test whose assertions need a poll of its own records alone, on a topic other tests of the
     * same broker have written to.
     */
    public void skipToEnd(String group, String topic) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not move group " + group + " to the end of " + topic, e);
        }
    }

    /** The group's committed offset on the partition (the next record it will read), or -1 if it has none. */
    private static long committedOffset(Admin admin, String group, TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).get(partition);
        return committed == null ? -1 : committed.offset();
    }

    private Admin admin() {
        Properties props = new Properties();
        props.putAll(connection);
        return Admin.create(props);
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record, Map<String, String> headers) {
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        String topic = record.topic();
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /**
     * Reads the topic from the beginning until {@code count} records match, or the timeout passes, and
     * returns the matching records in log order (all of them, even if more than {@code count} arrived).
     */
    public List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matching = readFor(topic, match, count, timeout);
        if (matching.size() < count) {
            throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
                    + " but found " + matching.size());
        }
        return matching;
    }

    /** Reads the topic from the beginning for the whole duration and returns every matching record. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            Duration duration) {
        return readFor(topic, match, Integer.MAX_VALUE, duration);
    }

    /**
     * Every matching record the topic holds now: reads each partition up to the end offset it had when the read
     * began. The way to show that something was NOT published (a short poll that finds nothing proves nothing).
     */
    public List<ConsumerRecord<String, byte[]>> readToEnd(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                            && match.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    /** The records of one refund (or order) on a topic, decoded. */
    public List<EventEnvelope<?>> awaitEvents(String topic, String key, int count, Duration timeout) {
        return await(topic, withKey(key), count, timeout).stream().map(this::decode).toList();
    }

    /**
     * Reads what a service published with every check, its JSON Schema included, whatever the topic: the services
     * do not check the events they build at run time, so their tests, reading through here, are what proves that
     * those events match their schemas.
     */
    public EventEnvelope<?> decode(ConsumerRecord<String, byte[]> record) {
        return codec.decode(CloudEventHeaders.read(record.headers()), record.value());
    }

    public static Predicate<ConsumerRecord<String, byte[]>> withKey(String key) {
        return record -> key.equals(record.key());
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, byte[]>> readFor(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                partitions = infos == null ? List.of()
                        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (matching.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A consumer of its own group that commits nothing: reading never moves anyone's offsets. */
    private KafkaConsumer<String, byte[]> reader() {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
