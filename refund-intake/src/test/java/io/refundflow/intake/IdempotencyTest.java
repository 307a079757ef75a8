package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.OutboxRows;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@IntakeTest
class IdempotencyTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

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
    void aRetriedContactWithTheSameKeyAndBodyReplaysTheFirstAnswerAndOpensNoSecondCase() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String key = Api.newKey();

        Api.Response first = api.postJson(token, key, "/api/cases", contactJson(order.orderId()));
        Api.Response retry = api.postJson(token, key, "/api/cases", contactJson(order.orderId()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(casesOf(order)).isOne();
    }

    @Test
    void aRetriedSubmitWithTheSameKeyAndPartsPublishesOneRequest() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String caseId = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                .get("caseId").asString();
        String key = Api.newKey();
        List<Api.FilePart> evidence = List.of(new Api.FilePart("evidence", "shot.png", "image/png", Fixtures.PNG));

        Api.Response first = api.postMultipart(token, key, Api.submitPath(caseId), applicationJson(), evidence);
        Api.Response retry = api.postMultipart(token, key, Api.submitPath(caseId), applicationJson(), evidence);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).as("replayed although the multipart boundary differs").isEqualTo(202);
        String refundId = first.json().get("refundId").asString();
        assertThat(retry.json().get("refundId").asString()).isEqualTo(refundId);
        assertThat(jdbc.queryForObject("select count(*) from submission where case_id = ?", Integer.class, caseId))
                .isOne();
        OutboxRows.awaitRelayed(jdbc, refundId, WAIT);
        assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(refundId), WAIT)).hasSize(1);
    }

    @Test
    void aSubmitWithTheSameKeyAndAnotherApplicationPartIsRefusedWith422AndPublishesOnlyTheFirst() {
        // given a case submitted under a key
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String caseId = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                .get("caseId").asString();
        String key = Api.newKey();
        List<Api.FilePart> evidence = List.of(new Api.FilePart("evidence", "shot.png", "image/png", Fixtures.PNG));
        Api.Response first = api.postMultipart(token, key, Api.submitPath(caseId), applicationJson(), evidence);
        String refundId = first.json().get("refundId").asString();

        // when the same key comes back with the same parts but another description in the application part
        String changed = applicationJson().replace("not what I expected", "charged twice for one month");
        Api.Response reused = api.postMultipart(token, key, Api.submitPath(caseId), changed, evidence);

        // then it is refused as a reused key, and only the first request was ever published
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        OutboxRows.awaitRelayed(jdbc, refundId, WAIT);
        assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(refundId), WAIT))
                .singleElement().extracting(record -> ((RefundRequested) kafka.decode(record).data()).description())
                .isEqualTo("not what I expected");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        BillingOrder other = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String key = Api.newKey();
        api.postJson(token, key, "/api/cases", contactJson(order.orderId()));

        Api.Response response = api.postJson(token, key, "/api/cases", contactJson(other.orderId()));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(casesOf(other)).isZero();
    }

    @Test
    void keysBelongToTheirCaller() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String key = Api.newKey();
        api.postJson(tokens.customer("c-1"), key, "/api/cases", contactJson(order.orderId()));

        Api.Response response = api.postJson(tokens.agent("agent-1"), key, "/api/cases", contactJson(order.orderId()));

        assertThat(response.status()).as("another caller's key is not replayed to this one").isEqualTo(201);
        assertThat(response.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aPostWithoutAKeyIsRefusedNamingTheHeader() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");

        Api.Response response = api.postJson(tokens.customer("c-1"), null, "/api/cases", contactJson(order.orderId()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(casesOf(order)).isZero();
    }

    @Test
    void aFailedRequestReleasesItsKeySoTheCorrectedRequestMayUseIt() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String key = Api.newKey();
        assertThat(api.postJson(token, key, "/api/cases", "{\"orderId\": \"" + order.orderId() + "\"}").status())
                .isEqualTo(400);

        Api.Response corrected = api.postJson(token, key, "/api/cases", contactJson(order.orderId()));

        assertThat(corrected.status()).isEqualTo(201);
    }

    @Test
    void aMultipartBodyOnARouteThatTakesNoUploadIsNotParsed() {
        // given a body that claims to be multipart but is not
        byte[] notMultipart = "no boundary anywhere in here".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        // when it is posted to the contact step, which takes JSON
        Api.Response response = api.post(tokens.customer("c-1"), Api.newKey(), "/api/cases",
                "multipart/form-data; boundary=b-never-seen", notMultipart);

        // then the route refuses the content type unread, instead of a parser failing on the body
        assertThat(response.status()).as(response.text()).isEqualTo(415);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("Content-Type");
    }

    @Test
    void twoIdenticalRequestsAtTheSameTimeOpenOneCase() throws Exception {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String key = Api.newKey();
        CyclicBarrier start = new CyclicBarrier(4);
        List<CompletableFuture<Api.Response>> calls = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return new Api(port).postJson(token, key, "/api/cases", contactJson(order.orderId()));
                })).toList();

        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Api.Response::status).toList();

        assertThat(statuses).contains(201).allMatch(status -> status == 201 || status == 409);
        assertThat(casesOf(order)).isOne();
    }

    private int casesOf(BillingOrder order) {
        return jdbc.queryForObject("select count(*) from refund_case where order_id = ?", Integer.class,
                order.orderId());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
