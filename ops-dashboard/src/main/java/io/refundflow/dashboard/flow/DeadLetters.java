package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.feed.RawRecord;
import io.refundflow.dashboard.flow.Views.DeadLetter;
import io.refundflow.dashboard.flow.Views.DeadLetterTopic;
import io.refundflow.dashboard.flow.Views.Event;
import io.refundflow.dashboard.flow.Views.Replay;
import io.refundflow.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The dead letters of each dead-letter topic (the newest {@code dead-letters-per-topic}, oldest first) and which
 * of them were replayed. Not thread-safe: the flow projection's lock guards it.
 */
final class DeadLetters {

    /** Dead letters per topic a snapshot carries (newest first); the rest stay replayable with "replay all". */
    static final int SNAPSHOT_DEAD_LETTERS = 100;

    private final int perTopic;
    private final Map<String, Map<String, DeadLetter>> byTopic = new TreeMap<>();
    private final Map<String, Replay> replays;

    DeadLetters(DashboardProperties settings) {
        this.perTopic = settings.deadLettersPerTopic();
        this.replays = Bounded.lru(settings.maxRefunds());
        for (String topic : settings.topics()) {
            if (DashboardProperties.isDeadLetterTopic(topic)) {
                byTopic.put(topic, Bounded.fifo(perTopic));
            }
        }
    }

    /** Keeps a record of a dead-letter topic, with where it came from and why, read from its kafka_dlt-* headers. */
    DeadLetter add(RawRecord record, Event event) {
        String originalTopic = record.header(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (originalTopic == null) {
            originalTopic = record.topic().substring(0, record.topic().length() - Topics.DEAD_LETTER_SUFFIX.length());
        }
        String originalPartition = record.header(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        String originalOffset = record.header(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        String originalPosition = originalPartition == null || originalOffset == null ? null
                : originalTopic + "@" + originalPartition + ":" + originalOffset;
        String exception = record.header(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN) != null
                ? record.header(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN) : record.header(KafkaHeaders.DLT_EXCEPTION_FQCN);
        DeadLetter letter = new DeadLetter(record.position(), record.topic(), record.partition(), record.offset(),
                record.key(), event.timestamp(), originalTopic, originalPosition, exception,
                record.header(KafkaHeaders.DLT_EXCEPTION_MESSAGE), record.headers(), event.payload(),
                event.payloadBytes(), null);
        byTopic.computeIfAbsent(record.topic(), t -> Bounded.fifo(perTopic)).put(letter.id(), letter);
        return letter;
    }

    /**
     * Records a replay. The replay action's own record (with who replayed) wins over the replayed record seen
     * arriving on its source topic, whose position it takes.
     */
    void markReplayed(String deadLetterId, Replay replay) {
        Replay known = replays.get(deadLetterId);
        if (known == null || (known.by() == null && replay.by() != null)) {
            replays.put(deadLetterId, replay);
        } else if (known.by() != null && replay.by() == null && !known.target().equals(replay.target())) {
            replays.put(deadLetterId, new Replay(known.at(), replay.target(), known.by()));
        }
    }

    Optional<DeadLetter> find(String id) {
        for (Map<String, DeadLetter> letters : byTopic.values()) {
            DeadLetter letter = letters.get(id);
            if (letter != null) {
                return Optional.of(withReplay(letter));
            }
        }
        return Optional.empty();
    }

    /** The dead letters of one dead-letter topic not replayed yet, oldest first. */
    List<DeadLetter> unreplayed(String deadLetterTopic) {
        return byTopic.getOrDefault(deadLetterTopic, Map.of()).values().stream()
                .filter(letter -> !replays.containsKey(letter.id()))
                .toList();
    }

    /** Each dead-letter topic with its newest letters; {@code totals} holds how many records each topic had. */
    List<DeadLetterTopic> topics(Map<String, Long> totals) {
        List<DeadLetterTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, letters) -> {
            List<DeadLetter> items = new ArrayList<>();
            letters.values().forEach(letter -> items.add(0, withReplay(letter)));
            if (items.size() > SNAPSHOT_DEAD_LETTERS) {
                items.subList(SNAPSHOT_DEAD_LETTERS, items.size()).clear();
            }
            topics.add(new DeadLetterTopic(topic, totals.getOrDefault(topic, 0L), items));
        });
        return topics;
    }

    private DeadLetter withReplay(DeadLetter letter) {
        Replay replay = replays.get(letter.id());
        return replay == null ? letter : new DeadLetter(letter.id(), letter.topic(), letter.partition(),
                letter.offset(), letter.key(), letter.timestamp(), letter.originalTopic(), letter.originalPosition(),
                letter.exceptionClass(), letter.exceptionMessage(), letter.headers(), letter.payload(),
                letter.payloadBytes(), replay);
    }
}
