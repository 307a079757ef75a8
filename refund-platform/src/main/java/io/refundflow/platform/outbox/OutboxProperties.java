package io.refundflow.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the outbox relay ({@code refund.outbox.*}); the defaults are set here, once.
 *
 * @param pollInterval   how often an idle relay checks for events nobody woke it up for (those an instance left
 *                       when it died between its commit and its relay's batch). Default 5 s: every commit wakes its
 *                       own relay and a restart relays at once, so this is only the safety net; each check is one
 *                       read-only statement, and a batch only follows when it finds events
 * @param batchSize      how many events one relay transaction publishes at most
 * @param sendTimeout    how long the relay waits for the broker to acknowledge a batch
 * @param initialBackoff first pause after a failed batch (broker or database away)
 * @param maxBackoff     longest pause between attempts while the failure lasts
 * @param linger         how long a woken relay waits for more commits before it takes a batch, so that the
 *                       wake-ups of commits close together cost one relay transaction; never waited when the
 *                       events announced already fill a batch. Default 5 ms (a few commits of a busy service), 0 to
 *                       take each batch at once
 * @param busyRetry      how soon a relay that found another relay of its schema mid-batch looks again: that batch
 *                       may have been taken before this instance's latest commit. Wake-ups shorten the wait
 */
@ConfigurationProperties("refund.outbox")
public record OutboxProperties(
        Duration pollInterval,
        Integer batchSize,
        Duration sendTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration linger,
        Duration busyRetry) {

    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
        linger = linger == null ? Duration.ofMillis(5) : linger;
        busyRetry = busyRetry == null ? Duration.ofMillis(50) : busyRetry;
        if (batchSize < 1 || linger.isNegative()) {
            throw new IllegalArgumentException("refund.outbox.batch-size must be at least 1 and linger not negative");
        }
    }
}
