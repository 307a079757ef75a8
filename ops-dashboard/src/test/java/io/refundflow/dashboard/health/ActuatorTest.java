package io.refundflow.dashboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.DashboardTest;
import io.refundflow.dashboard.Http;
import io.refundflow.platform.security.DemoTokens;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health probes for the platform that runs the dashboard, and metrics for Prometheus. */
@DashboardTest
class ActuatorTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void readinessIncludesKafkaAndPostgresql() {
        // when
        Http.Response readiness = http.get("/actuator/health/readiness", Map.of());

        // then
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessAnswersWithoutAToken() {
        // when
        Http.Response liveness = http.get("/actuator/health/liveness", Map.of());

        // then
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsIncludeConsumerLagForAnOpsTokenOnly() {
        // when
        Http.Response anonymous = http.get("/actuator/prometheus", Map.of());
        Http.Response scraped = http.get("/actuator/prometheus", Http.bearer(tokens.ops("prometheus")));

        // then
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("refund_consumer_lag{").contains("group=\"policy-evaluator\"")
                .contains("jvm_memory_used_bytes");
    }
}
