package io.refundflow.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a listener retries a record whose processing failed ({@code refund.kafka.retry.*}). Records that
 * break their contract are dead-lettered at once; an outage of the database or broker is retried without
 * limit (giving up would lose the event); any other failure is retried for {@code maxElapsed}, then
 * dead-lettered with its cause.
 */
@ConfigurationProperties("refund.kafka.retry")
public record RetryProperties(Duration initialInterval, Duration maxInterval, Duration maxElapsed) {

    public RetryProperties {
        initialInterval = initialInterval == null ? Duration.ofMillis(200) : initialInterval;
        maxInterval = maxInterval == null ? Duration.ofSeconds(10) : maxInterval;
        maxElapsed = maxElapsed == null ? Duration.ofMinutes(2) : maxElapsed;
    }
}
