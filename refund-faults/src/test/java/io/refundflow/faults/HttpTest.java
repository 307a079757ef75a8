package io.refundflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The suite's client waits out the admission gate only when asked to, and only the gate's refusal. */
class HttpTest {

    private static final String OVERLOADED = """
            {"type":"https://refundflow.io/problems/overloaded","title":"Service overloaded","status":503}""";
    private static final String OUTAGE = """
            {"type":"about:blank","status":503,"detail":"the database is unavailable"}""";
    private static final String DENIED = """
            {"type":"about:blank","status":403}""";

    private HttpServer server;
    private final Deque<Map.Entry<Integer, String>> answers = new ArrayDeque<>();
    /** Counted on the server's thread, read on the test's. */
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void server() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Map.Entry<Integer, String> answer = answers.size() > 1 ? answers.poll() : answers.peek();
            byte[] body = answer.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "0");
            exchange.sendResponseHeaders(answer.getKey(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPatientClientSendsTheRequestAgainUntilTheGateLetsItThrough() {
        // given
        answer(List.of(Map.entry(503, OVERLOADED), Map.entry(503, OVERLOADED), Map.entry(403, DENIED)));
        Http http = Http.patientWithTheGate(Duration.ofSeconds(10));

        // when
        Http.Response response = http.get(url(), "token");

        // then
        assertThat(response.status()).isEqualTo(403);
        assertThat(requests.get()).isEqualTo(3);
        assertThat(http.overloadedRetries.get()).isEqualTo(2);
    }

    @Test
    void aPatientClientTakesAnOutageAsItIs() {
        // given
        answer(List.of(Map.entry(503, OUTAGE), Map.entry(403, DENIED)));

        // when
        Http.Response response = Http.patientWithTheGate(Duration.ofSeconds(10)).get(url(), "token");

        // then
        assertThat(response.status()).isEqualTo(503);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aPatientClientGivesUpWhenItsPatienceEnds() {
        // given
        answer(List.of(Map.entry(503, OVERLOADED)));

        // when
        Http.Response response = Http.patientWithTheGate(Duration.ofMillis(300)).get(url(), "token");

        // then
        assertThat(response.overloaded()).isTrue();
        assertThat(requests.get()).isGreaterThan(1);
    }

    @Test
    void theDefaultClientReturnsTheGatesRefusalAsItCame() {
        // given
        answer(List.of(Map.entry(503, OVERLOADED), Map.entry(403, DENIED)));

        // when
        Http.Response response = new Http().get(url(), "token");

        // then
        assertThat(response.overloaded()).isTrue();
        assertThat(requests.get()).isEqualTo(1);
    }

    private void answer(List<Map.Entry<Integer, String>> inOrder) {
        answers.addAll(inOrder);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/cases/c-1";
    }
}
