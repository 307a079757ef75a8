package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.platform.security.DemoTokens;
import jakarta.servlet.Filter;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authorization.ObservationAuthorizationManager;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Liveness and readiness probes (readiness includes Kafka and PostgreSQL) and Prometheus metrics, no token; per
 * request only the HTTP observation runs, without a long-task timer.
 */
@IntakeTest
class ActuatorTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    FilterChainProxy securityChain;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void readinessIsUpWithKafkaAndPostgresql() {
        // when
        Api.Response readiness = api.get(null, "/actuator/health/readiness");

        // then
        assertThat(readiness.status()).as(readiness.text()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").get("kafka").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessIsUp() {
        // when
        Api.Response liveness = api.get(null, "/actuator/health/liveness");

        // then
        assertThat(liveness.status()).as(liveness.text()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusIsScrapedWithoutATokenAndNamesTheService() {
        // when
        Api.Response scraped = api.get(null, "/actuator/prometheus");

        // then
        assertThat(scraped.status()).as(scraped.text()).isEqualTo(200);
        assertThat(scraped.text()).containsPattern("(?m)^jvm_memory_used_bytes\\{.*application=\"refund-intake\"");
    }

    @Test
    void anApiRequestIsTimedAsAnHttpRequestAndNotFilterByFilter() {
        // when a customer's request has run
        assertThat(api.get(tokens.customer("c-metrics"), "/api/cases").status()).isEqualTo(200);
        Api.Response scraped = api.get(null, "/actuator/prometheus");

        // then the metrics the operations guide names are there, Spring Security's observations are not
        assertThat(scraped.text())
                .containsPattern("(?m)^http_server_requests_seconds_count\\{.*uri=\"/api/cases\"")
                .containsPattern("(?m)^refund_intake_admission_running\\{")
                .containsPattern("(?m)^refund_intake_admission_unverified\\{")
                .doesNotContain("spring_security_")
                .doesNotContain("http_server_requests_active");
    }

    @Test
    void springSecurityAuthorizesRequestsWithoutAnObservationAroundIt() {
        // given the chain every API request passes
        List<Filter> filters = securityChain.getFilters("/api/cases");

        // when its authorization is looked up
        AuthorizationFilter authorization = filters.stream().filter(AuthorizationFilter.class::isInstance)
                .map(AuthorizationFilter.class::cast).findFirst().orElseThrow();

        // then it is the rules themselves, not the rules wrapped in an observation (nor, by the same setting, every
        // filter of the chain)
        assertThat(authorization.getAuthorizationManager()).isNotInstanceOf(ObservationAuthorizationManager.class);
    }
}
