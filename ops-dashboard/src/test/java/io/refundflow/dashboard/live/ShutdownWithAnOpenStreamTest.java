package io.refundflow.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.DashboardApplication;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.Roles;
import io.refundflow.testsupport.RealInfrastructureInitializer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A page left open does not hold up a graceful shutdown: stopping the dashboard ends its live stream at once.
 * The test starts and closes a dashboard of its own (the shared test context must stay open), in a consumer
 * group of its own so it takes no partitions from the other tests' one, with graceful shutdown as in production.
 */
class ShutdownWithAnOpenStreamTest {

    /** Far below the 30 s graceful-shutdown timeout an open stream used to hold the shutdown up for. */
    static final Duration PROMPT = Duration.ofSeconds(10);

    @Test
    void closingTheDashboardEndsAnOpenStreamAndDoesNotWaitForIt() throws Exception {
        try (ConfigurableApplicationContext dashboard = new SpringApplicationBuilder(DashboardApplication.class)
                .profiles("test")
                .initializers(new RealInfrastructureInitializer())
                .run("--server.port=0", "--server.shutdown=graceful",
                        "--spring.application.name=ops-dashboard-shutdown-test")) {
            // given a page's live stream, open and past its first snapshot
            String token = dashboard.getBean(DemoTokens.class).mint("ops-9", List.of(Roles.OPS), Duration.ofHours(1));
            String port = dashboard.getEnvironment().getRequiredProperty("local.server.port");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream"))
                    .header("Cookie", "refund_ops_session=" + token).header("Accept", "text/event-stream").build();
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            BufferedReader stream = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            assertThat(stream.readLine()).isEqualTo("event:snapshot");
            CompletableFuture<Long> restReadToItsEnd = CompletableFuture.supplyAsync(() -> stream.lines().count());

            // when the dashboard is closed
            long started = System.nanoTime();
            dashboard.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - started);

            // then it closed promptly, and the page saw its stream end normally (its EventSource would reconnect)
            assertThat(closing).isLessThan(PROMPT);
            assertThat(restReadToItsEnd.get(PROMPT.toSeconds(), TimeUnit.SECONDS)).isPositive();
        }
    }
}
