package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.intake.admission.AdmissionGate;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** A request that waits in the admission queue waits at most max-wait for a place, then is answered 503. */
@IntakeTest
@TestPropertySource(properties = {
        "refund.intake.admission.max-concurrent=1",
        "refund.intake.admission.max-queued=1",
        "refund.intake.admission.max-wait=" + AdmissionWaitTest.MAX_WAIT_MILLIS + "ms"})
class AdmissionWaitTest {

    /** Long beside the time of an answer refused at once, so that the wait is what the test sees. */
    static final long MAX_WAIT_MILLIS = 3000;
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AdmissionGate gate;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aQueuedRequestIsAnswered503OnceItHasWaitedMaxWaitForAPlace() throws Exception {
        // given the one place taken
        String holder = "c-wait-" + UUID.randomUUID();
        String waiter = "c-wait-" + UUID.randomUUID();
        BillingOrder held = Fixtures.publishOrder(kafka, jdbc, holder, "en");
        BillingOrder waiting = Fixtures.publishOrder(kafka, jdbc, waiter, "en");
        try (HeldRequest running = HeldRequest.start(port, tokens.customer(holder), "/api/cases",
                contactJson(held.orderId()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gate.running() == 1);

            // when another customer's request comes while the queue has room
            long start = System.nanoTime();
            Api.Response answer = new Api(port).postJson(tokens.customer(waiter), Api.newKey(), "/api/cases",
                    contactJson(waiting.orderId()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // then it waited for a place as long as allowed, and was refused with Retry-After
            assertThat(answer.status()).as(answer.text()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isNotBlank();
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(MAX_WAIT_MILLIS));
            assertThat(HeldRequest.status(running.finish())).isEqualTo(201);
        }
    }
}
