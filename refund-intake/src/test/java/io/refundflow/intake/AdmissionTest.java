package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.intake.admission.AdmissionGate;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * An overload is answered, not dropped: with tiny limits (two requests at a time, one waiting, one per caller), the
 * places are taken by requests held open mid-body, and what comes on top is answered at once, even a flood of more
 * requests than Tomcat has threads.
 */
@IntakeTest
@TestPropertySource(properties = {
        "refund.intake.admission.max-concurrent=2",
        "refund.intake.admission.max-queued=1",
        // long, so that the queued request is still waiting when the held ones are let go
        "refund.intake.admission.max-wait=20s",
        "refund.intake.admission.max-concurrent-per-caller=1",
        "refund.intake.admission.max-unverified=2",
        "refund.intake.admission.retry-after=3s"})
class AdmissionTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final int EXCESS = 5;
    /** A flood this much larger than Tomcat's threads: more requests at once than could each have a thread. */
    private static final int FLOOD_BEYOND_THREADS = 50;
    private static final String FLOODED = "/api/cases";
    /** A flood request not answered in this long failed the test (far beyond max-wait, the longest bound). */
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    /**
     * An answer "at once": far below the 20 s max-wait a queued request would be kept (and the held requests' time),
     * with room for a busy test machine, where even a refusal of a fresh client's first request took near 1 s.
     */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AdmissionGate gate;
    @Value("${server.tomcat.threads.max}")
    int tomcatThreads;
    @Value("${refund.intake.admission.max-wait}")
    Duration maxWait;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void theExcessBeyondThePlacesAndTheQueueIsAnswered503AtOnceWhileTheAdmittedOnesSucceed() throws Exception {
        // given both places taken by two customers' requests, and a third customer's request waiting for a place
        List<Customer> held = List.of(customer(), customer());
        Customer waiting = customer();
        List<HeldRequest> running = new ArrayList<>();
        for (Customer c : held) {
            running.add(HeldRequest.start(port, c.token(), "/api/cases", contactJson(c.order().orderId())));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.running() == 2);
        CompletableFuture<Api.Response> queued = CompletableFuture.supplyAsync(() -> new Api(port)
                .postJson(waiting.token(), Api.newKey(), "/api/cases", contactJson(waiting.order().orderId())));
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.queued() == 1);

        // when five more customers each open a case
        List<Customer> excess = IntStream.range(0, EXCESS).mapToObj(i -> customer()).toList();
        List<CompletableFuture<Timed>> calls = excess.stream().map(c -> CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            Api.Response response = new Api(port).postJson(c.token(), Api.newKey(), "/api/cases",
                    contactJson(c.order().orderId()));
            return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
        })).toList();
        List<Timed> refused = calls.stream().map(CompletableFuture::join).toList();

        // then each is answered 503 with Retry-After at once, as a problem, while the held ones still run
        for (Timed answer : refused) {
            assertThat(answer.response().status()).as(answer.response().text()).isEqualTo(503);
            assertThat(answer.response().header("Retry-After")).isEqualTo("3");
            assertThat(answer.response().contentType()).startsWith("application/problem+json");
            assertThat(answer.response().json().get("type").asString()).endsWith("/overloaded");
            assertThat(answer.took()).isLessThan(PROMPTLY);
        }
        assertThat(gate.running()).isEqualTo(2);
        // and every request taken succeeds once the held ones go on: nothing accepted is lost
        for (HeldRequest request : running) {
            String answer = request.finish();
            assertThat(HeldRequest.status(answer)).as(answer).isEqualTo(201);
            request.close();
        }
        assertThat(queued.join().status()).as(queued.join().text()).isEqualTo(201);
        for (Customer c : List.of(held.get(0), held.get(1), waiting)) {
            assertThat(casesOn(c.order())).isEqualTo(1);
        }
        for (Customer c : excess) {
            assertThat(casesOn(c.order())).isZero();
        }
    }

    @Test
    void aFloodOfMoreRequestsThanTheServerHasThreadsIsRefusedWhileTheAdmittedOnesStillRun() throws Exception {
        // given both places taken by requests the service admitted and is still running, and one waiting
        List<Customer> held = List.of(customer(), customer());
        Customer waiting = customer();
        List<HeldRequest> running = new ArrayList<>();
        for (Customer c : held) {
            running.add(HeldRequest.start(port, c.token(), "/api/cases", contactJson(c.order().orderId())));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.running() == 2);
        CompletableFuture<Api.Response> queued = CompletableFuture.supplyAsync(() -> new Api(port)
                .postJson(waiting.token(), Api.newKey(), "/api/cases", contactJson(waiting.order().orderId())));
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.queued() == 1);

        // when more customers than Tomcat has threads send at once, each on a connection of its own
        int flood = tomcatThreads + FLOOD_BEYOND_THREADS;
        ExecutorService callbacks = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks).build();
        List<CompletableFuture<Timed>> calls = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            String customer = "c-flood-" + UUID.randomUUID();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + FLOODED))
                    .timeout(GIVE_UP).header("Authorization", "Bearer " + tokens.customer(customer))
                    .header("Idempotency-Key", Api.newKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(contactJson(Fixtures.orderId()))).build();
            long start = System.nanoTime();
            calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(answer -> new Timed(
                    new Api.Response(answer.statusCode(), answer.headers(), answer.body()),
                    Duration.ofNanos(System.nanoTime() - start))));
        }
        List<Timed> refused = calls.stream().map(CompletableFuture::join).toList();
        callbacks.shutdown();

        // then every one is answered 503 with Retry-After as a problem, each sooner than a queued request may wait,
        // and all of them while the admitted requests still run: no refusal waited behind the work taken
        assertThat(gate.running()).isEqualTo(2);
        for (Timed answer : refused) {
            assertThat(answer.response().status()).as(answer.response().text()).isEqualTo(503);
            assertThat(answer.response().header("Retry-After")).isEqualTo("3");
            assertThat(answer.response().contentType()).startsWith("application/problem+json");
            assertThat(answer.response().json().get("type").asString()).endsWith("/overloaded");
            assertThat(answer.response().json().get("instance").asString()).isEqualTo(FLOODED);
            assertThat(answer.took()).isLessThan(maxWait);
        }
        // and the admitted ones, let go, succeed
        for (HeldRequest request : running) {
            String answer = request.finish();
            assertThat(HeldRequest.status(answer)).as(answer).isEqualTo(201);
            request.close();
        }
        assertThat(queued.join().status()).as(queued.join().text()).isEqualTo(201);
    }

    @Test
    void aCallerBeyondItsShareIsAnswered429WhileAnotherCallerIsServed() throws Exception {
        // given one customer's request running
        Customer busy = customer();
        Customer other = customer();
        try (HeldRequest running = HeldRequest.start(port, busy.token(), "/api/cases",
                contactJson(busy.order().orderId()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gate.running() == 1);

            // when the same customer sends another (with a token of its own: the caller is who the token names),
            // and another customer one
            long start = System.nanoTime();
            Api.Response second = api.postJson(tokens.customer(busy.order().customerId()), Api.newKey(), "/api/cases",
                    contactJson(busy.order().orderId()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Api.Response others = api.postJson(other.token(), Api.newKey(), "/api/cases",
                    contactJson(other.order().orderId()));

            // then the busy customer's second is answered 429 with Retry-After at once; the other customer's is served
            assertThat(second.status()).as(second.text()).isEqualTo(429);
            assertThat(second.header("Retry-After")).isEqualTo("3");
            assertThat(second.contentType()).startsWith("application/problem+json");
            assertThat(second.json().get("errors").get(0).get("field").asString()).isEqualTo("request");
            assertThat(took).isLessThan(PROMPTLY);
            assertThat(others.status()).as(others.text()).isEqualTo(201);
            // and the running one succeeds
            String answer = running.finish();
            assertThat(HeldRequest.status(answer)).as(answer).isEqualTo(201);
        }
        assertThat(casesOn(busy.order())).isEqualTo(1);
    }

    @Test
    void slowRequestsWithForgedTokensTakeNoPlaceOfACustomer() throws Exception {
        // given more slow requests than places and queue, each with a token of its own that was never issued (signed
        // with another key), held mid-body in a form that is read before Spring Security looks at the token
        DemoTokens forger = new DemoTokens("a-key-that-never-signed-a-real-token".getBytes(StandardCharsets.UTF_8),
                null, Duration.ofHours(1), Clock.systemUTC());
        List<HeldRequest> forged = new ArrayList<>();
        for (int i = 0; i < EXCESS; i++) {
            forged.add(HeldRequest.start(port, forger.customer("c-forger-" + i), "PUT", "/api/cases",
                    "application/x-www-form-urlencoded", "reason=" + "slow".repeat(32)));
        }
        // as many are held as there are places: the customers' (with the rule broken) or their own pool's
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.running() + gate.unverified() == 2);

        // when a customer opens a case
        Customer customer = customer();
        Api.Response answer = api.postJson(customer.token(), Api.newKey(), "/api/cases",
                contactJson(customer.order().orderId()));

        // then it is served, not refused for want of a place
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(casesOn(customer.order())).isEqualTo(1);
        for (HeldRequest request : forged) {
            request.close();
        }
    }

    @Test
    void healthStaysReachableWhileEveryPlaceIsTaken() throws Exception {
        // given both places taken
        Customer first = customer();
        Customer second = customer();
        try (HeldRequest one = HeldRequest.start(port, first.token(), "/api/cases",
                contactJson(first.order().orderId()));
                HeldRequest two = HeldRequest.start(port, second.token(), "/api/cases",
                        contactJson(second.order().orderId()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gate.running() == 2);

            // when the liveness probe asks
            Api.Response health = api.get(null, "/actuator/health/liveness");

            // then it is answered UP
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(health.json().get("status").asString()).isEqualTo("UP");
            assertThat(HeldRequest.status(one.finish())).isEqualTo(201);
            assertThat(HeldRequest.status(two.finish())).isEqualTo(201);
        }
    }

    private record Customer(String token, BillingOrder order) {
    }

    private record Timed(Api.Response response, Duration took) {
    }

    private Customer customer() {
        String id = "c-admission-" + UUID.randomUUID();
        return new Customer(tokens.customer(id), Fixtures.publishOrder(kafka, jdbc, id, "en"));
    }

    private int casesOn(BillingOrder order) {
        return jdbc.queryForObject("select count(*) from refund_case where order_id = ?", Integer.class,
                order.orderId());
    }
}
