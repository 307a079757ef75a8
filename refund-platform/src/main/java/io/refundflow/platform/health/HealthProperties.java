package io.refundflow.platform.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the platform's health contributors ({@code refund.health.*}).
 *
 * @param kafkaTimeout {@code refund.health.kafka-timeout}: longest a Kafka health check waits for the broker
 *                     before it reports DOWN (default 3s), so that a probe never hangs on a dead broker
 */
@ConfigurationProperties("refund.health")
public record HealthProperties(Duration kafkaTimeout) {

    public HealthProperties {
        kafkaTimeout = kafkaTimeout == null ? Duration.ofSeconds(3) : kafkaTimeout;
        if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("refund.health.kafka-timeout: must be positive");
        }
    }
}
