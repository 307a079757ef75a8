package io.refundflow.platform.outbox;

import io.refundflow.platform.worker.WorkerThread;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * <p>Several instances of a service may run: each batch is taken under a transaction-scoped advisory
 * lock of the service's schema, so at most one relay publishes at a time and the per-refund order of
 * events is kept. A crash between publishing and deleting republishes the batch; consumers dedupe by
 * event id. Woken right after each commit, so events do not wait for the next poll.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<Object, Object> kafka;
    private final OutboxProperties properties;
    private final JsonMapper json;

    private final WorkerThread worker = new WorkerThread("outbox-relay");

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<Object, Object> kafka,
            OutboxProperties properties, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.json = json;
    }

    public void wakeUp() {
        worker.wakeUp();
    }

    /** Publishes one batch; returns how many events it published (0 if another relay holds the lock). */
    public int relayBatch() {
        Integer published = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject(
                    "select pg_try_advisory_xact_lock(hashtext('refund-outbox:' || current_schema()))", Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<OutboxRow> rows = jdbc.query(
                    "select id, topic, msg_key, event_id, headers::text, payload from outbox_event order by id limit ?",
                    (rs, i) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)),
                    properties.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            publish(rows);
            jdbc.batchUpdate("delete from outbox_event where id = ?", rows, rows.size(),
                    (ps, row) -> ps.setLong(1, row.id()));
            return rows.size();
        });
        return published == null ? 0 : published;
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
        while (worker.isRunning()) {
            try {
                int published = relayBatch();
                backoff = properties.initialBackoff();
                if (published < properties.batchSize()) {
                    worker.awaitWork(properties.pollInterval());
                }
            } catch (RuntimeException e) {
                log.warn("outbox relay failed, retrying in {}: {}", backoff, e.getMessage());
                worker.pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0
                        ? properties.maxBackoff() : backoff.multipliedBy(2);
            }
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

    static class OutboxPublishException extends RuntimeException {
        OutboxPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
