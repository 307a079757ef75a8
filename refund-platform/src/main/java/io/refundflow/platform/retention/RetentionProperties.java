package io.refundflow.platform.retention;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The retention sweep ({@code refund.retention.*}); the values and why they are safe are in
 * refund-platform-defaults.properties.
 *
 * @param processedEvents how long a consumed event's id stays in {@code processed_event} (its dedupe)
 * @param batchSize       rows one delete statement removes at most (one short transaction each)
 * @param sweepInterval   pause between two sweeps
 */
@ConfigurationProperties("refund.retention")
public record RetentionProperties(Duration processedEvents, Integer batchSize, Duration sweepInterval) {

    public RetentionProperties {
        Objects.requireNonNull(processedEvents, "refund.retention.processed-events");
        Objects.requireNonNull(batchSize, "refund.retention.batch-size");
        Objects.requireNonNull(sweepInterval, "refund.retention.sweep-interval");
        if (batchSize < 1) {
            throw new IllegalArgumentException("refund.retention.batch-size must be at least 1: " + batchSize);
        }
    }
}
