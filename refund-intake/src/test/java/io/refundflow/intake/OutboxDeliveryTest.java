package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.Topics;
import io.refundflow.platform.outbox.OutboxRelay;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.OutboxRows;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The submit does not depend on the broker: the request is committed with its event record, and the relay
 * delivers it once it can. (That the relay survives an unreachable broker itself is refund-platform's
 * OutboxTest; here the relay is paused to stand for a broker that cannot be reached.)
 */
@IntakeTest
class OutboxDeliveryTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutboxRelay relay;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aSubmitWhileNothingReachesTheBrokerIsKeptAndDeliveredExactlyOnceLater() {
        Api api = new Api(port);
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String caseId = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                .get("caseId").asString();
        String refundId;

        relay.stop();
        try {
            // when the customer submits while nothing is published
            Api.Response response = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(),
                    List.of());
            assertThat(response.status()).isEqualTo(202);
            refundId = response.json().get("refundId").asString();

            // then the submission and its event are committed, and nothing is on the topic
            assertThat(jdbc.queryForObject("select count(*) from outbox_event where msg_key = ?", Integer.class,
                    refundId)).isOne();
            assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(refundId), WAIT)).isEmpty();
        } finally {
            relay.start();
        }

        // and once the relay runs again the event leaves the outbox, published exactly once
        OutboxRows.awaitRelayed(jdbc, refundId, WAIT);
        assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(refundId), WAIT)).hasSize(1);
    }

    @Test
    void aRefusedSubmitPublishesNothing() {
        Api api = new Api(port);
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String caseId = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                .get("caseId").asString();

        Api.Response response = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(),
                List.of(new Api.FilePart("evidence", "setup.png", "image/png", Fixtures.EXE)));

        assertThat(response.status()).isEqualTo(415);
        assertThat(jdbc.queryForObject("select count(*) from submission where case_id = ?", Integer.class, caseId))
                .isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from outbox_event where payload::jsonb ->> 'orderId' = ?""", Integer.class,
                order.orderId())).isZero();
    }
}
