package io.refundflow.dashboard.deadletter;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.flow.FlowProjection;
import io.refundflow.dashboard.flow.Views.DeadLetter;
import io.refundflow.dashboard.flow.Views.Replay;
import io.refundflow.events.Topics;
import io.refundflow.platform.web.problems.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

/**
 * Sends a dead letter back to its dead-letter topic's source (the name minus {@code .DLT}), after a fix: the original key, bytes and headers
 * (without Spring Kafka's {@code kafka_dlt-*} cause headers), plus {@value FlowProjection#REPLAYED_FROM}
 * naming the dead letter, so the replay is visible on the topic itself and survives a dashboard restart.
 * The bytes are read back from the dead-letter topic, not from the dashboard's memory. The
 * {@code kafka_dlt-original-topic} header never chooses the target (a writer of the dead-letter topic controls
 * it), and billing's topics are written only when {@link ReplayProperties#billingTopics() configured}.
 */
@Service
public class DeadLetterReplayer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    private static final String DESERIALIZER_EXCEPTION_PREFIX = "springDeserializerException";

    private final KafkaTemplate<Object, Object> kafka;
    private final ConsumerFactory<Object, Object> consumers;
    private final FlowProjection projection;
    private final DashboardProperties properties;
    private final ReplayProperties targets;
    private final Clock clock;

    public DeadLetterReplayer(KafkaTemplate<Object, Object> kafka, ConsumerFactory<Object, Object> consumers,
            FlowProjection projection, DashboardProperties properties, ReplayProperties targets, Clock clock) {
        this.kafka = kafka;
        this.consumers = consumers;
        this.projection = projection;
        this.properties = properties;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * Replays one dead letter ({@code <dlt topic>@<partition>:<offset>}); 404 unknown, 409 replayed before.
     * One replay at a time, so two reviewers pressing the button together send it once.
     */
    public synchronized Replay replay(String deadLetterId, String reviewer) {
        DeadLetter letter = projection.deadLetter(deadLetterId).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "not-found", "Not found", "id: no dead letter " + deadLetterId));
        if (letter.replay() != null) {
            throw new ProblemException(HttpStatus.CONFLICT, "already-replayed", "Already replayed",
                    "id: " + deadLetterId + " was replayed to " + letter.replay().target() + " at "
                            + letter.replay().at());
        }
        String target = replayTarget(letter.topic());
        ConsumerRecord<String, byte[]> original = fetch(letter);
        ProducerRecord<Object, Object> replayed = new ProducerRecord<>(target, null, original.key(), original.value());
        for (Header header : original.headers()) {
            String name = header.key();
            if (!name.startsWith(DLT_HEADER_PREFIX) && !name.startsWith(DESERIALIZER_EXCEPTION_PREFIX)
                    && !FlowProjection.REPLAYED_FROM.equals(name)) {
                replayed.headers().add(name, header.value());
            }
        }
        replayed.headers().add(FlowProjection.REPLAYED_FROM, deadLetterId.getBytes(StandardCharsets.UTF_8));
        SendResult<Object, Object> sent = send(replayed);
        Replay replay = new Replay(clock.instant(), target + "@" + sent.getRecordMetadata().partition() + ":"
                + sent.getRecordMetadata().offset(), reviewer);
        projection.markReplayed(deadLetterId, replay);
        try (var ignored = MDC.putCloseable("refundId", original.key())) {
            log.info("dead letter {} replayed to {} by {}", deadLetterId, replay.target(), reviewer);
        }
        return replay;
    }

    /** The dead-letter topic's own source, if the dashboard may write to it; 422 otherwise. */
    private String replayTarget(String deadLetterTopic) {
        String source = DashboardProperties.isDeadLetterTopic(deadLetterTopic)
                ? deadLetterTopic.substring(0, deadLetterTopic.length() - Topics.DEAD_LETTER_SUFFIX.length())
                : null;
        if (source == null || !properties.topics().contains(source) || DashboardProperties.isDeadLetterTopic(source)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "not-replayable", "Not replayable",
                    "topic: '" + deadLetterTopic + "' has no source topic the dashboard follows");
        }
        if (isBillingTopic(source) && !targets.billingTopics().contains(source)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "not-replayable", "Not replayable",
                    "topic: '" + source + "' belongs to billing; replaying onto it needs "
                            + "refund.dashboard.replay.billing-topics to list it");
        }
        return source;
    }

    private static boolean isBillingTopic(String topic) {
        return Topics.BILLING_ORDERS.equals(topic) || Topics.BILLING_REFUNDS.equals(topic);
    }

    /** Replays every dead letter of one dead-letter topic that was not replayed yet, oldest first. */
    public List<Replay> replayAll(String deadLetterTopic, String reviewer) {
        if (!properties.deadLetterTopics().contains(deadLetterTopic)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "topic: '" + deadLetterTopic + "' is not a dead-letter topic the dashboard follows");
        }
        List<Replay> replays = new ArrayList<>();
        for (DeadLetter letter : projection.unreplayed(deadLetterTopic)) {
            replays.add(replay(letter.id(), reviewer));
        }
        return replays;
    }

    private ConsumerRecord<String, byte[]> fetch(DeadLetter letter) {
        Properties raw = new Properties();
        raw.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        raw.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        raw.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        raw.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        TopicPartition partition = new TopicPartition(letter.topic(), letter.partition());
        try (Consumer<Object, Object> consumer = consumers.createConsumer(null, "ops-dashboard-replay", null, raw)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, letter.offset());
            long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == letter.offset()) {
                        @SuppressWarnings("unchecked")
                        ConsumerRecord<String, byte[]> found = (ConsumerRecord<String, byte[]>) (ConsumerRecord<?, ?>) record;
                        return found;
                    }
                    if (record.offset() > letter.offset()) {
                        break;
                    }
                }
            }
        }
        throw new ProblemException(HttpStatus.GONE, "gone", "Gone", "id: " + letter.id()
                + " is no longer on its topic (retention deleted it)");
    }

    private SendResult<Object, Object> send(ProducerRecord<Object, Object> record) {
        try {
            return kafka.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "Kafka unavailable",
                    "interrupted while sending to " + record.topic());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "Kafka unavailable",
                    "could not send to " + record.topic() + ": " + cause.getMessage());
        }
    }
}
