package io.refundflow.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** A broker that does not answer makes the check DOWN within its timeout, instead of hanging the probe. */
class KafkaHealthIndicatorTest {

    @Test
    void anUnreachableBrokerIsDownWithinTheTimeout() {
        // given: nothing listens on port 1
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"))) {
            KafkaHealthIndicator indicator = new KafkaHealthIndicator(admin, Duration.ofMillis(500));

            // when
            long started = System.nanoTime();
            Health health = indicator.health(true);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
    }
}
