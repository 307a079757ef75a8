package io.refundflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.RefusableDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * While PostgreSQL refuses the evaluator, a reviewer's request is answered 503 with Retry-After and a problem
 * saying it was not accepted, readiness is down, and the API answers again once the database is back. The
 * service runs here on a database and login of its own, so that only it is refused.
 */
class DatabaseOutageTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static RefusableDatabase database;
    private static ConfigurableApplicationContext evaluator;
    private static String base;
    private static String reviewer;

    @BeforeAll
    static void startEvaluatorOnItsOwnDatabase() {
        database = new RefusableDatabase("evaluator_outage");
        evaluator = new SpringApplicationBuilder(EvaluatorApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.application.name=policy-evaluator-outage-test", // a consumer group of its own
                "--spring.kafka.bootstrap-servers=" + RealInfrastructure.get().kafka().bootstrapServers(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.datasource.hikari.connection-timeout=1000",
                "--refund.evaluator.outage-retry-after=7s");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) evaluator).getWebServer().getPort();
        reviewer = evaluator.getBean(DemoTokens.class).ops("ops-1");
    }

    @AfterAll
    static void stop() {
        if (evaluator != null) {
            evaluator.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aReviewersRequestWhileTheDatabaseRefusesIs503NotAcceptedAndTheApiAnswersWhenItIsBack() {
        // given
        String refundId = "r-outage-" + UUID.randomUUID();
        database.refuse();

        // when
        HttpResponse<String> refused;
        try {
            refused = send("POST", "/api/reviews/" + refundId + "/claim", reviewer);
        } finally {
            database.accept();
        }

        // then
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JsonMapper.builder().build().readTree(refused.body());
        assertThat(problem.get("type").asString()).endsWith("/service-unavailable");
        assertThat(problem.get("detail").asString()).contains("NOT accepted");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(send("GET", "/api/reviews", reviewer).statusCode()).isEqualTo(200));
    }

    @Test
    void readinessIsDownWhileTheDatabaseRefuses() {
        // given
        database.refuse();

        // when
        HttpResponse<String> readiness;
        try {
            readiness = send("GET", "/actuator/health/readiness", null);
        } finally {
            database.accept();
        }

        // then
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(JsonMapper.builder().build().readTree(readiness.body()).get("components").get("db")
                .get("status").asString()).isEqualTo("DOWN");
    }

    private static HttpResponse<String> send(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
