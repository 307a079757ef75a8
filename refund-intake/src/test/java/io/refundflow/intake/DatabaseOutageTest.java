package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.intake.idempotency.IdempotencyFilter;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.RefusableDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * While PostgreSQL refuses the service, a request is answered 503 with Retry-After and a problem saying it
 * was not accepted; readiness is down; the same request with the same Idempotency-Key is accepted once the
 * database is back. The service runs here on a database and login of its own, so that only it is refused.
 */
class DatabaseOutageTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static RefusableDatabase database;
    private static ConfigurableApplicationContext intake;
    private static Api api;
    private static String token;

    @BeforeAll
    static void startIntakeOnItsOwnDatabase() {
        database = new RefusableDatabase("intake_outage");
        RealInfrastructure infra = RealInfrastructure.get();
        intake = new SpringApplicationBuilder(IntakeApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.application.name=refund-intake-outage-test", // a consumer group of its own
                "--spring.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.datasource.hikari.connection-timeout=1000",
                "--refund.intake.outage-retry-after=7s");
        api = new Api(((WebServerApplicationContext) intake).getWebServer().getPort());
        token = intake.getBean(DemoTokens.class).customer("c-1");
    }

    @AfterAll
    static void stop() {
        if (intake != null) {
            intake.close();
        }
        if (database != null) {
            database.close();
        }
        kafka.close();
    }

    @Test
    void aRequestWhileTheDatabaseRefusesIs503NotAcceptedAndTheSameKeyIsAcceptedAfterwards() {
        // given
        BillingOrder order = Fixtures.publishOrder(kafka, intake.getBean(JdbcTemplate.class), "c-1", "en");
        String key = Api.newKey();
        database.refuse();

        // when
        Api.Response refused;
        try {
            refused = api.postJson(token, key, "/api/cases", contactJson(order.orderId()));
        } finally {
            database.accept();
        }

        // then
        assertThat(refused.status()).as(refused.text()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("7");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("type").asString()).endsWith("/service-unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asString()).contains("NOT accepted").contains("same Idempotency-Key");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Api.Response retried = api.postJson(token, key, "/api/cases", contactJson(order.orderId()));
            assertThat(retried.status()).as(retried.text()).isEqualTo(201);
            assertThat(retried.header(IdempotencyFilter.REPLAYED)).isNull();
        });
    }

    @Test
    void aSubmissionWhileTheDatabaseRefusesIs503BeforeItsBodyIsRead() {
        // given
        BillingOrder order = Fixtures.publishOrder(kafka, intake.getBean(JdbcTemplate.class), "c-1", "en");
        String caseId = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                .get("caseId").asString();
        database.refuse();

        // when
        Api.Response refused;
        try {
            refused = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(), List.of());
        } finally {
            database.accept();
        }

        // then
        assertThat(refused.status()).as(refused.text()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("7");
        assertThat(refused.json().get("type").asString()).endsWith("/service-unavailable");
    }

    @Test
    void readinessIsDownWhileTheDatabaseRefusesAndUpWhenItIsBack() {
        // given
        database.refuse();

        // when
        Api.Response readiness;
        try {
            readiness = api.get(null, "/actuator/health/readiness");
        } finally {
            database.accept();
        }

        // then
        assertThat(readiness.status()).as(readiness.text()).isEqualTo(503);
        assertThat(readiness.json().get("components").get("db").get("status").asString()).isEqualTo("DOWN");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(200));
    }
}
