package io.refundflow.platform.inbox;

import io.refundflow.events.EventEnvelope;
import io.refundflow.platform.inbox.Subscription.Dedupe;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka listener of one topic's {@link EventHandler}: what every handler would otherwise repeat, done once.
 * A poll is one transaction ({@link RecordBatches}); each record in it is a tombstone, a duplicate or handled,
 * and the poll is logged as one INFO line counting them, each event's story at DEBUG with its refund in the MDC.
 */
public final class TopicConsumer<T> {

    private static final Logger log = LoggerFactory.getLogger(TopicConsumer.class);

    private final EventHandler<T> handler;
    private final Subscription<T> subscription;
    private final RecordBatches batches;
    private final ProcessedEvents processed;

    TopicConsumer(EventHandler<T> handler, RecordBatches batches, ProcessedEvents processed) {
        this.handler = handler;
        this.subscription = handler.subscription();
        this.batches = batches;
        this.processed = processed;
    }

    /** How one record of a poll was handled: the poll's log line counts them. */
    enum Outcome { HANDLED, DUPLICATE, TOMBSTONE }

    /** Called by the listener container with each poll (public for it: the container invokes it reflectively). */
    public void consume(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        batches.inOneTransaction(records, this::one, this::logCommitted);
    }

    private Outcome one(ConsumerRecord<String, EventEnvelope<?>> record) {
        if (record.value() == null) {
            log.debug("tombstone with key {} on {}", record.key(), record.topic());
            handler.tombstone(record.key());
            return Outcome.TOMBSTONE;
        }
        try (var delivered = DeliveredEvent.of(record.value(), subscription.payload(), subscription.refundId())) {
            EventEnvelope<T> event = delivered.event();
            Delivery<T> delivery = new Delivery<>(record.key(), event, appendedAt(record));
            handler.check(delivery);
            if (subscription.dedupe() == Dedupe.EVENT_ID && !processed.firstDelivery(event)) {
                return Outcome.DUPLICATE;
            }
            log.debug("handling {} event {} from {}", event.type().ceType(), event.id(), event.source());
            handler.handle(delivery);
            return Outcome.HANDLED;
        }
    }

    private static Optional<Instant> appendedAt(ConsumerRecord<?, ?> record) {
        return record.timestampType() == TimestampType.LOG_APPEND_TIME
                ? Optional.of(Instant.ofEpochMilli(record.timestamp()))
                : Optional.empty();
    }

    private void logCommitted(List<Outcome> outcomes) {
        log.info("{}: {} record(s) committed, {} handled, {} duplicate(s), {} tombstone(s)", subscription.topic(),
                outcomes.size(), count(outcomes, Outcome.HANDLED), count(outcomes, Outcome.DUPLICATE),
                count(outcomes, Outcome.TOMBSTONE));
    }

    private static long count(List<Outcome> outcomes, Outcome outcome) {
        return outcomes.stream().filter(outcome::equals).count();
    }
}
