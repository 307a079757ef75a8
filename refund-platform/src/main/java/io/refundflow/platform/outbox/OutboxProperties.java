package io.refundflow.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the outbox relay ({@code refund.outbox.*}).
 *
 * @param pollInterval   how often the relay looks for events nobody woke it up for (e.g. after a restart)
 * @param batchSize      how many events one relay transaction publishes at most
 * @param sendTimeout    how long the relay waits for the broker to acknowledge a batch
 * @param initialBackoff first pause after a failed batch (broker or database away)
 * @param maxBackoff     longest pause between attempts while the failure lasts
 */
@ConfigurationProperties("refund.outbox")
public record OutboxProperties(
        Duration pollInterval,
        Integer batchSize,
        Duration sendTimeout,
        Duration initialBackoff,
        Duration maxBackoff) {

    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
    }
}
