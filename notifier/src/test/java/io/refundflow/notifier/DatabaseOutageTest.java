package io.refundflow.notifier;

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
 * While PostgreSQL refuses the notifier, the ops API (UNCONFIRMED emails, their resend) answers 503 with
 * Retry-After and a problem saying nothing was accepted, not Spring's bare 500; readiness is down; the API
 * answers again once the database is back. The service runs here on a database and login of its own, so that
 * only it is refused (issue 19).
 */
class DatabaseOutageTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static RefusableDatabase database;
    private static ConfigurableApplicationContext notifier;
    private static String base;
    private static String ops;

    @BeforeAll
    static void startNotifierOnItsOwnDatabase() {
        RealInfrastructure infra = RealInfrastructure.get();
        database = new RefusableDatabase("notifier_outage");
        notifier = new SpringApplicationBuilder(NotifierApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.application.name=notifier-outage-test", // a consumer group of its own
                "--spring.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.datasource.hikari.connection-timeout=1000",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + infra.smtp().port(),
                "--refund.notifier.outage-retry-after=7s");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) notifier).getWebServer().getPort();
        ops = notifier.getBean(DemoTokens.class).ops("ops-1");
    }

    @AfterAll
    static void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theOpsApiWhileTheDatabaseRefusesIs503NotAcceptedAndAnswersWhenItIsBack() {
        // given
        String decisionEventId = UUID.randomUUID().toString();
        database.refuse();

        // when
        HttpResponse<String> list;
        HttpResponse<String> resend;
        try {
            list = send("GET", "/api/unconfirmed-emails");
            resend = send("POST", "/api/unconfirmed-emails/" + decisionEventId + "/resend");
        } finally {
            database.accept();
        }

        // then
        assertOutage(list);
        assertOutage(resend);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(send("GET", "/api/unconfirmed-emails").statusCode()).isEqualTo(200));
        assertThat(send("POST", "/api/unconfirmed-emails/" + decisionEventId + "/resend").statusCode())
                .as("an unknown email, once the database is back").isEqualTo(404);
    }

    @Test
    void readinessIsDownWhileTheDatabaseRefuses() {
        // given
        database.refuse();

        // when
        HttpResponse<String> readiness;
        try {
            readiness = send("GET", "/actuator/health/readiness");
        } finally {
            database.accept();
        }

        // then
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(json.readTree(readiness.body()).get("components").get("db").get("status").asString())
                .isEqualTo("DOWN");
    }

    private static void assertOutage(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri() + ": " + answer.body())
                .isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("type").asString()).endsWith("/service-unavailable");
        assertThat(problem.get("detail").asString()).contains("NOT accepted");
        assertThat(problem.get("instance").asString()).isEqualTo(answer.uri().getPath());
    }

    private static HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + ops).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
