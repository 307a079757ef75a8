package io.refundflow.platform.outbox;

import io.refundflow.platform.worker.WorkerThread;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox events to Kafka in commit order, then deletes them.
 *
 * <p>A batch is one statement and one commit: the statement takes the schema's transaction-scoped advisory lock
 * and, only if it got it, deletes the oldest events and returns them; they are published, and the commit makes
 * the deletion final. A publish that fails rolls the transaction back, so the events are back for the next
 * attempt and nothing is lost.
 *
 * <p>Several instances of a service may run: with the lock at most one relay of a schema publishes at a time, and
 * the per-refund order of events is kept (each batch is sent in id order and acknowledged before the next can be
 * taken). A relay that finds the lock taken looks again soon, as the other batch may have been taken before its
 * instance's latest commit. A crash between publishing and committing republishes the batch; consumers dedupe by
 * event id.
 *
 * <p>Woken right after each commit that wrote events, and waits a short linger so that commits close together
 * share one batch. When idle it only checks, with one read-only statement, for events nobody woke it for.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    /*
     * The lock is taken in a materialized CTE read through a scalar subquery: PostgreSQL evaluates it once, as a
     * one-time filter in front of the scan of outbox_event, so no row is picked or deleted without the lock (a
     * volatile function in a plain WHERE would be called per row). The statement's snapshot may predate the
     * commit of the relay that held the lock before: the rows that relay deleted are then skipped by the delete
     * (never returned twice), and "picked" counts them, so a batch cut short by them still counts as full.
     */
    private static final String TAKE_BATCH = """
            with lock as materialized (
                select pg_try_advisory_xact_lock(hashtext('refund-outbox:' || current_schema())) as held),
            picked as materialized (
                select id from outbox_event where (select held from lock) order by id limit ?),
            taken as (
                delete from outbox_event e using picked where e.id = picked.id
                returning e.id, e.topic, e.msg_key, e.event_id, e.headers::text as headers, e.payload)
            select lock.held, (select count(*) from picked) as picked,
                   taken.id, taken.topic, taken.msg_key, taken.event_id, taken.headers, taken.payload
            from lock left join taken on true""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<Object, Object> kafka;
    private final OutboxProperties properties;
    private final JsonMapper json;

    private final WorkerThread worker = new WorkerThread("outbox-relay");
    /** Events committed since the relay last took a batch, as announced by {@link #wakeUp(int)}. */
    private final AtomicInteger announced = new AtomicInteger();

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<Object, Object> kafka,
            OutboxProperties properties, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.json = json;
    }

    /** Announces {@code events} just committed to the outbox. */
    public void wakeUp(int events) {
        announced.addAndGet(events);
        worker.wakeUp();
    }

    /** Publishes one batch; returns how many events it published (0 if another relay holds the lock). */
    public int relayBatch() {
        return takeAndPublish() instanceof Batch.Published published ? published.events() : 0;
    }

    /** What one relay transaction did. */
    private sealed interface Batch {

        /** Published {@code events}; {@code full}: the batch reached its size, so more may be waiting. */
        record Published(int events, boolean full) implements Batch {
        }

        /** Another relay of the schema holds the lock. */
        record Busy() implements Batch {
        }
    }

    private Batch takeAndPublish() {
        announced.set(0);
        return transactions.execute(status -> {
            List<TakenRow> taken = jdbc.query(TAKE_BATCH, (rs, i) -> new TakenRow(rs.getBoolean(1), rs.getInt(2),
                    rs.getObject(3) == null ? null : new OutboxRow(rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8))),
                    properties.batchSize());
            TakenRow first = taken.get(0);
            if (!first.held()) {
                return new Batch.Busy();
            }
            // RETURNING comes in the join's order, not the ids'.
            List<OutboxRow> rows = taken.stream().map(TakenRow::row).filter(Objects::nonNull)
                    .sorted(Comparator.comparingLong(OutboxRow::id)).toList();
            if (!rows.isEmpty()) {
                publish(rows);
            }
            return new Batch.Published(rows.size(), first.picked() >= properties.batchSize());
        });
    }

    private void publish(List<OutboxRow> rows) {
        try {
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (OutboxRow row : rows) {
                acks.add(kafka.send(toRecord(row)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxPublishException("interrupted while publishing", e);
        } catch (Exception e) {
            // Metadata timeouts surface from send() itself, broker errors through the futures: same outcome.
            throw new OutboxPublishException("broker did not acknowledge " + rows.size() + " events", e);
        }
        if (log.isDebugEnabled()) {
            rows.forEach(row -> log.debug("published event {} for {} to {}", row.eventId(), row.key(), row.topic()));
        }
    }

    private ProducerRecord<Object, Object> toRecord(OutboxRow row) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(row.topic(), row.key(),
                row.payload().getBytes(StandardCharsets.UTF_8));
        json.readValue(row.headers(), HEADERS)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private void runLoop() {
        Duration backoff = properties.initialBackoff();
        // At start: whatever a previous run left behind.
        while (worker.isRunning()) {
            try {
                Batch batch = takeAndPublish();
                backoff = properties.initialBackoff();
                if (batch instanceof Batch.Busy) {
                    worker.awaitWork(properties.busyRetry());
                } else if (batch instanceof Batch.Published published && !published.full()) {
                    awaitEvents();
                }
                // A full batch: more may be waiting, go on at once.
            } catch (RuntimeException e) {
                log.warn("outbox relay failed, retrying in {}: {}", backoff, e.getMessage());
                worker.pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0
                        ? properties.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Returns once there is something to relay: a wake-up (after the linger), or, when none came for a poll
     * interval, events the idle check finds. The check is one read-only statement: no lock and no batch while
     * nothing waits. A wake-up that announces nothing is ignored: its events were committed before the last
     * batch was taken, so that batch had them.
     */
    private void awaitEvents() {
        long lookedAt = System.nanoTime();
        while (worker.isRunning()) {
            worker.awaitWork(properties.pollInterval().minusNanos(System.nanoTime() - lookedAt));
            if (announced.get() > 0) {
                linger();
                return;
            }
            if (worker.isRunning() && System.nanoTime() - lookedAt >= properties.pollInterval().toNanos()) {
                if (Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from outbox_event)",
                        Boolean.class))) {
                    return;
                }
                lookedAt = System.nanoTime();
            }
        }
    }

    /** Gathers the wake-ups of commits close together into one batch; never waits once they fill a batch. */
    private void linger() {
        long deadline = System.nanoTime() + properties.linger().toNanos();
        long left = deadline - System.nanoTime();
        while (worker.isRunning() && announced.get() < properties.batchSize() && left > 0) {
            worker.awaitWork(Duration.ofNanos(left));
            left = deadline - System.nanoTime();
        }
    }

    @Override
    public void start() {
        worker.start(this::runLoop);
    }

    @Override
    public void stop() {
        worker.stop(properties.sendTimeout().plusSeconds(1));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** Stop the relay before the Kafka producer and the data source go away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private record OutboxRow(long id, String topic, String key, String eventId, String headers, String payload) {
    }

    /** One row of the batch statement: the lock, how many ids it picked, and one event taken (none: null). */
    private record TakenRow(boolean held, int picked, OutboxRow row) {
    }

    static class OutboxPublishException extends RuntimeException {
        OutboxPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
