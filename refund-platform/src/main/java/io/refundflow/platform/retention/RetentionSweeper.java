package io.refundflow.platform.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.platform.worker.WorkerThread;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes the rows of every {@link RetentionRule}'s table that are older than its retention, every
 * {@code refund.retention.sweep-interval} on a thread of its own (the first sweep one interval after start).
 *
 * <p>Each delete statement removes at most {@code refund.retention.batch-size} rows and commits on its own, so a
 * sweep never holds locks on many rows nor a long transaction, however much has piled up; batches follow one
 * another until one comes back short. Several instances of a service may sweep at once: a row two of them pick is
 * deleted by one, and the other's statement skips it.
 */
public class RetentionSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final List<RetentionRule> rules;
    private final RetentionProperties properties;
    private final MeterRegistry meters;
    private final WorkerThread worker = new WorkerThread("retention-sweep");

    public RetentionSweeper(JdbcTemplate jdbc, Clock clock, List<RetentionRule> rules, RetentionProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rules = List.copyOf(rules);
        this.properties = properties;
        this.meters = meters;
    }

    /** One sweep over every rule, outside any transaction; returns the rows deleted per table (0s included). */
    public Map<String, Long> sweep() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            deleted.put(rule.table(), sweep(rule));
        }
        return deleted;
    }

    private long sweep(RetentionRule rule) {
        Instant cutoff = clock.instant().minus(rule.keepFor());
        // by ctid: the rows the bounded select found, whatever the table's key; = any(array(...)) plans as a TID scan
        String sql = "delete from %1$s where ctid = any(array(select ctid from %1$s where %2$s < ? limit ?))"
                .formatted(rule.table(), rule.ageColumn());
        long total = 0;
        int batch;
        do {
            batch = jdbc.update(sql, Timestamp.from(cutoff), properties.batchSize());
            total += batch;
        } while (batch == properties.batchSize());
        if (total > 0) {
            log.info("retention: deleted {} rows of {} with {} before {} (kept for {})", total, rule.table(),
                    rule.ageColumn(), cutoff, rule.keepFor());
            Counter.builder("refund.retention.deleted")
                    .description("Rows deleted by the retention sweep, per table")
                    .tag("table", rule.table())
                    .register(meters)
                    .increment(total);
        }
        return total;
    }

    @Override
    public void start() {
        Duration interval = properties.sweepInterval();
        worker.start(() -> {
            while (worker.isRunning()) {
                worker.pause(interval);
                if (!worker.isRunning()) {
                    return;
                }
                try {
                    sweep();
                } catch (RuntimeException e) {
                    // the database away or similar: the rows stay where the next sweep finds them
                    log.warn("retention sweep failed, retrying in {}: {}", interval, e.getMessage());
                }
            }
        });
    }

    @Override
    public void stop() {
        worker.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
