package io.refundflow.platform.inbox;

import io.refundflow.events.EventEnvelope;
import io.refundflow.platform.inbox.Subscription.Dedupe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka listener of one topic's {@link EventHandler}: what every handler would otherwise repeat, done once.
 * A poll is one transaction ({@link RecordBatches}), handled as a set; each record in it is a tombstone, a
 * duplicate or handled, and the poll is logged as one INFO line counting them, each event's story at DEBUG.
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

    /**
     * Called by the listener container with each poll (public for it: the container invokes it reflectively).
     * The poll is handled as a set; only when that fails, record by record, to find the one that failed.
     */
    public void consume(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        if (!batches.allAtOnce(records, this::all, this::logCommitted)) {
            batches.inOneTransaction(records, this::one, this::logCommitted);
        }
    }

    /**
     * The poll as a set: each event checked, the event ids deduplicated in one statement, the new events handed to
     * {@link EventHandler#handleAll} together. A tombstone splits them, so that what came before it is handled
     * before it and what came after, after.
     */
    private List<Outcome> all(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        List<Delivery<T>> deliveries = new ArrayList<>(records.size());
        for (ConsumerRecord<String, EventEnvelope<?>> record : records) {
            if (record.value() != null) {
                deliveries.add(checked(record, Function.identity()));
            }
        }
        Set<String> fresh = subscription.dedupe() == Dedupe.EVENT_ID
                ? processed.firstDeliveries(deliveries.stream().map(d -> d.event().id()).toList())
                : null;
        Set<String> taken = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>(records.size());
        List<Delivery<T>> run = new ArrayList<>();
        int next = 0;
        for (ConsumerRecord<String, EventEnvelope<?>> record : records) {
            if (record.value() == null) {
                handleAll(run);
                log.debug("tombstone with key {} on {}", record.key(), record.topic());
                handler.tombstone(record.key());
                outcomes.add(Outcome.TOMBSTONE);
                continue;
            }
            Delivery<T> delivery = deliveries.get(next++);
            String eventId = delivery.event().id();
            if (fresh != null && !(fresh.contains(eventId) && taken.add(eventId))) {
                log.debug("{} event {} already processed, ignored", delivery.event().type().ceType(), eventId);
                outcomes.add(Outcome.DUPLICATE);
                continue;
            }
            run.add(delivery);
            outcomes.add(Outcome.HANDLED);
        }
        handleAll(run);
        return outcomes;
    }

    /** Hands the events gathered so far to the handler at once, and starts a new gathering. */
    private void handleAll(List<Delivery<T>> run) {
        if (run.isEmpty()) {
            return;
        }
        if (log.isDebugEnabled()) {
            run.forEach(d -> log.debug("handling {} event {} from {} for refund {}", d.event().type().ceType(),
                    d.event().id(), d.event().source(), subscription.refundId().apply(d.payload())));
        }
        handler.handleAll(List.copyOf(run));
        run.clear();
    }

    /**
     * The record's event as the handler gets it, checked (a payload of another type breaks the topic's contract),
     * and given to {@code then} while the MDC names the event. Both paths check here, so that they cannot drift.
     */
    private <R> R checked(ConsumerRecord<String, EventEnvelope<?>> record, Function<Delivery<T>, R> then) {
        try (var delivered = DeliveredEvent.of(record.value(), subscription.payload(), subscription.refundId())) {
            Delivery<T> delivery = new Delivery<>(record.key(), delivered.event(), appendedAt(record));
            handler.check(delivery);
            return then.apply(delivery);
        }
    }

    private Outcome one(ConsumerRecord<String, EventEnvelope<?>> record) {
        if (record.value() == null) {
            log.debug("tombstone with key {} on {}", record.key(), record.topic());
            handler.tombstone(record.key());
            return Outcome.TOMBSTONE;
        }
        return checked(record, this::handleIfNew);
    }

    /** Hands one checked event to the handler unless it was processed before. */
    private Outcome handleIfNew(Delivery<T> delivery) {
        EventEnvelope<T> event = delivery.event();
        if (subscription.dedupe() == Dedupe.EVENT_ID && !processed.firstDelivery(event)) {
            return Outcome.DUPLICATE;
        }
        log.debug("handling {} event {} from {}", event.type().ceType(), event.id(), event.source());
        handler.handle(delivery);
        return Outcome.HANDLED;
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
