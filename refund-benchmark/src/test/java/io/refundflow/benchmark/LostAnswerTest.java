package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A refund whose answer never came within the client's time-out: the client asks again with the same request and
 * Idempotency-Key, as intake's API tells a client to, and counts the refund by the answer that then comes.
 */
class LostAnswerTest {

    private static final Duration ANSWER_TIMEOUT = Duration.ofMillis(300);

    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final HttpServer server = server();
    private final RefundLedger ledger = new RefundLedger();
    private final HttpDriver driver = new HttpDriver("http://127.0.0.1:" + server.getAddress().getPort(),
            Map.of("c-1", "token"), ledger, HttpDriver.Form.ONE_CALL, ANSWER_TIMEOUT);

    /** Answers the first request after the client's time-out, every later one at once, the same refund id. */
    private HttpServer server() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/api/submissions", exchange -> {
                exchange.getRequestBody().readAllBytes();
                keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                if (keys.size() == 1) {
                    sleep(ANSWER_TIMEOUT.multipliedBy(3));
                }
                byte[] body = "{\"refundId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(201, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            s.setExecutor(handlers);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        driver.close();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void aLostAnswerIsAskedForAgainWithTheSameIdempotencyKey() throws Exception {
        // given a service whose first answer comes after the client's time-out
        Workload.Prepared refund = new Workload.Prepared(1, "ORD-1", "c-1", "en", Scenario.SAAS);

        // when the refund is submitted
        driver.submit(refund, "p", -1).get(10, TimeUnit.SECONDS);

        // then the same request was sent twice, and the refund counts as submitted by the second answer
        assertThat(keys).hasSize(2).doesNotContainNull();
        assertThat(keys.get(1)).isEqualTo(keys.get(0));
        assertThat(ledger.counters("p").submitted.get()).isEqualTo(1);
        assertThat(ledger.counters("p").errors.get()).isZero();
        HttpDriver.Outcomes outcomes = driver.takeOutcomes();
        assertThat(outcomes.answersLost()).isEqualTo(1);
        assertThat(outcomes.otherErrors()).isZero();
    }
}
