package io.refundflow.platform.inbox;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How a service reads the topics it may gather ({@link Subscription.Pace#GATHERED}, {@code refund.kafka.gathered.*});
 * the defaults are set here, once. Without them a steady stream of a few events a second costs a poll, a
 * transaction and a commit per event on every consumer: billing's two feeds and the notifications were two fifths
 * of the transactions of the benchmark's HTTP phase (counted with pg_stat_statements).
 *
 * @param maxWait  how long the broker holds a fetch for {@code minBytes} to arrive: the most a gathered event
 *                 waits before its poll (Kafka's own default fetch.max.wait.ms, 500 ms)
 * @param minBytes how much a fetch gathers before it returns early: a catch-up (a backlog, billing's orders
 *                 published in bulk) is read at full speed, a trickle waits for {@code maxWait}
 */
@ConfigurationProperties("refund.kafka.gathered")
public record GatheredConsumers(Duration maxWait, DataSize minBytes) {

    public GatheredConsumers {
        maxWait = maxWait == null ? Duration.ofMillis(500) : maxWait;
        minBytes = minBytes == null ? DataSize.ofKilobytes(256) : minBytes;
        if (maxWait.isNegative() || minBytes.isNegative()) {
            throw new IllegalArgumentException("refund.kafka.gathered: max-wait and min-bytes must not be negative");
        }
    }

    /** The consumer properties a gathered topic's listener adds to the service's. */
    Properties consumerProperties() {
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(maxWait.toMillis()));
        properties.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Long.toString(minBytes.toBytes()));
        return properties;
    }
}
