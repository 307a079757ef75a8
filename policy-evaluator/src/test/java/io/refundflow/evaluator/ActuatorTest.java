package io.refundflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Liveness and readiness probes (readiness includes Kafka and PostgreSQL) and Prometheus metrics, no token. */
@EvaluatorTest
class ActuatorTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void readinessIsUpWithKafkaAndPostgresql() {
        // when
        Api.Response readiness = api.get("/actuator/health/readiness", null);

        // then
        assertThat(readiness.status()).as(readiness.text()).isEqualTo(200);
        assertThat(readiness.body().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.body().get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(readiness.body().get("components").get("kafka").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessIsUp() {
        // when
        Api.Response liveness = api.get("/actuator/health/liveness", null);

        // then
        assertThat(liveness.status()).as(liveness.text()).isEqualTo(200);
        assertThat(liveness.body().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusIsScrapedWithoutATokenAndNamesTheService() {
        // when
        Api.Response scraped = api.get("/actuator/prometheus", null);

        // then
        assertThat(scraped.status()).as(scraped.text()).isEqualTo(200);
        assertThat(scraped.text()).containsPattern("(?m)^jvm_memory_used_bytes\\{.*application=\"policy-evaluator\"");
    }

    @Test
    void theReviewSweepCountersAreScrapedFromStartUp() {
        // when
        Api.Response scraped = api.get("/actuator/prometheus", null);

        // then: zero before any sweep ran, but there, so that a dashboard's rate() starts at once
        assertThat(scraped.text()).containsPattern("(?m)^refund_review_claims_expired_total\\{")
                .containsPattern("(?m)^refund_review_evidence_not_provided_total\\{")
                .containsPattern("(?m)^refund_review_overdue_escalated_total\\{");
    }
}
