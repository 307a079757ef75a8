package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * One call opens a case and submits on it (POST /api/submissions: JSON without files, multipart with them), under
 * the rules of the two calls, answering a small receipt.
 */
@IntakeTest
class OpenAndSubmitTest {

    static final String PATH = "/api/submissions";
    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String customer;
    String token;

    @BeforeEach
    void aCustomerOfTheirOwn() {
        api = new Api(port);
        customer = "c-single-" + UUID.randomUUID();
        token = tokens.customer(customer);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    static String requestJson(String orderId, String ground) {
        return """
                {"contact": {"orderId": "%s", "channel": "WEB", "description": "the site builder is not for me"},
                 "application": {"ground": "%s", "kind": "REFUND", "description": "not what I expected"}}"""
                .formatted(orderId, ground);
    }

    @Test
    void oneJsonCallOpensTheCaseAndSubmitsAnsweringASmallReceipt() {
        // given an order of the customer
        BillingOrder order = order();

        // when the customer opens a case and submits in one call
        Api.Response response = api.postJson(token, Api.newKey(), PATH, requestJson(order.orderId(), "UNSATISFIED"));

        // then the answer is 201 with the case's Location and only the receipt's fields
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        JsonNode receipt = response.json();
        String caseId = receipt.get("caseId").asString();
        assertThat(response.header("Location")).isEqualTo("/api/cases/" + caseId);
        assertThat(receipt.propertyNames()).containsExactlyInAnyOrder("caseId", "caseNumber", "refundId", "status");
        assertThat(receipt.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(receipt.get("caseNumber").asString()).matches("RF-\\d{4}-\\d{6}");
        // and the case is submitted with that refund id, whose request is published
        JsonNode caseView = api.get(token, "/api/cases/" + caseId).json();
        assertThat(caseView.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(caseView.get("refundId").asString()).isEqualTo(receipt.get("refundId").asString());
        EventEnvelope<?> event = kafka.awaitEvents(Topics.REQUESTS, receipt.get("refundId").asString(), 1, TIMEOUT)
                .get(0);
        RefundRequested request = (RefundRequested) event.data();
        assertThat(request.orderId()).isEqualTo(order.orderId());
        assertThat(request.customerId()).isEqualTo(customer);
        assertThat(request.caseNumber()).isEqualTo(receipt.get("caseNumber").asString());
    }

    @Test
    void oneMultipartCallWithFilesStoresTheEvidenceUnderTheRefund() {
        // given an order of the customer
        BillingOrder order = order();

        // when the customer opens and submits with a screenshot
        Api.Response response = api.postMultipart(token, Api.newKey(), PATH, null, List.of(
                requestPart(order.orderId(), "UNSATISFIED"),
                new Api.FilePart("evidence", "screenshot.png", "image/png", Fixtures.PNG)));

        // then the case is submitted and the file is stored as the refund's evidence
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        String refundId = response.json().get("refundId").asString();
        assertThat(jdbc.queryForList("select file_name from evidence where refund_id = ?", String.class, refundId))
                .containsExactly("screenshot.png");
    }

    @Test
    void theSameKeyAndJsonBodyReplaysTheFirstReceiptAndOpensNoSecondCase() {
        // given a call answered
        BillingOrder order = order();
        String key = Api.newKey();
        Api.Response first = api.postJson(token, key, PATH, requestJson(order.orderId(), "UNSATISFIED"));

        // when it is retried with the same key and body
        Api.Response retry = api.postJson(token, key, PATH, requestJson(order.orderId(), "UNSATISFIED"));

        // then the first receipt is replayed and the order has one case
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(casesOn(order)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherJsonBodyIsAProblemAndChangesNothing() {
        // given a call answered
        BillingOrder order = order();
        String key = Api.newKey();
        assertThat(api.postJson(token, key, PATH, requestJson(order.orderId(), "UNSATISFIED")).status()).isEqualTo(201);

        // when the key is used again with another ground
        Api.Response reused = api.postJson(token, key, PATH, requestJson(order.orderId(), "QUALITY_ISSUE"));

        // then it is refused as a reused key, and the order still has one case
        assertKeyReused(reused);
        assertThat(casesOn(order)).isEqualTo(1);
    }

    @Test
    void theSameKeyAndMultipartPartsReplayTheFirstReceiptWhateverTheBoundary() {
        // given a multipart call answered
        BillingOrder order = order();
        String key = Api.newKey();
        List<Api.FilePart> parts = List.of(requestPart(order.orderId(), "UNSATISFIED"),
                new Api.FilePart("evidence", "screenshot.png", "image/png", Fixtures.PNG));
        Api.Response first = api.postMultipart(token, key, PATH, null, parts);

        // when it is retried with the same key and parts (a new boundary, as every client picks)
        Api.Response retry = api.postMultipart(token, key, PATH, null, parts);

        // then the first receipt is replayed and the order has one case
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(casesOn(order)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherFileIsAProblemAndChangesNothing() {
        // given a multipart call answered
        BillingOrder order = order();
        String key = Api.newKey();
        assertThat(api.postMultipart(token, key, PATH, null, List.of(requestPart(order.orderId(), "UNSATISFIED"),
                new Api.FilePart("evidence", "usage.csv", "text/csv", Fixtures.csv(200)))).status()).isEqualTo(201);

        // when the key is used again with a file of the same name and type but other bytes
        Api.Response reused = api.postMultipart(token, key, PATH, null, List.of(
                requestPart(order.orderId(), "UNSATISFIED"),
                new Api.FilePart("evidence", "usage.csv", "text/csv", Fixtures.csv(300))));

        // then it is refused as a reused key, and the order still has one case
        assertKeyReused(reused);
        assertThat(casesOn(order)).isEqualTo(1);
    }

    @Test
    void anotherCustomersOrderIsRefused422AndLeavesNoCase() {
        // given an order of someone else
        BillingOrder theirs = Fixtures.publishOrder(kafka, jdbc, "c-2", "en");

        // when the customer opens and submits on it
        Api.Response response = api.postJson(token, Api.newKey(), PATH, requestJson(theirs.orderId(), "UNSATISFIED"));

        // then it is refused as an order billing does not know for them, naming the field
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("orderId");
        assertThat(casesOn(theirs)).isZero();
    }

    @Test
    void aSecondOpenRequestOnTheOrderIsRefused409AndLeavesNoSecondCase() {
        // given an open request on the order
        BillingOrder order = order();
        assertThat(api.postJson(token, Api.newKey(), PATH, requestJson(order.orderId(), "UNSATISFIED")).status())
                .isEqualTo(201);

        // when another one-call submission comes for the same order
        Api.Response second = api.postJson(token, Api.newKey(), PATH, requestJson(order.orderId(), "UNSATISFIED"));

        // then it is refused, and the case it would have opened is not kept
        assertThat(second.status()).as(second.text()).isEqualTo(409);
        assertThat(second.json().get("type").asString()).endsWith("/open-request-exists");
        assertThat(casesOn(order)).isEqualTo(1);
    }

    @Test
    void anOrderWithNothingLeftToRefundIsRefused409AndLeavesNoCase() {
        // given an order billing has refunded in full
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, customer, "en", Money.of("199.00", "CNY"));

        // when the customer opens and submits on it
        Api.Response response = api.postJson(token, Api.newKey(), PATH, requestJson(order.orderId(), "UNSATISFIED"));

        // then it is refused as nothing left to refund, with no case left behind
        assertThat(response.status()).as(response.text()).isEqualTo(409);
        assertThat(response.json().get("type").asString()).endsWith("/nothing-left-to-refund");
        assertThat(casesOn(order)).isZero();
    }

    @Test
    void casesOpenedOnAnOrderADayStayBoundedThroughTheOneCall() {
        // given the day's three cases opened on the order with the contact step
        BillingOrder order = order();
        for (int i = 0; i < 3; i++) {
            assertThat(api.postJson(token, Api.newKey(), "/api/cases", Fixtures.contactJson(order.orderId())).status())
                    .isEqualTo(201);
        }

        // when a fourth is opened in one call
        Api.Response fourth = api.postJson(token, Api.newKey(), PATH, requestJson(order.orderId(), "UNSATISFIED"));

        // then it is refused as too many cases, naming the order
        assertThat(fourth.status()).as(fourth.text()).isEqualTo(429);
        assertThat(fourth.json().get("type").asString()).endsWith("/too-many-cases");
        assertThat(casesOn(order)).isEqualTo(3);
    }

    @Test
    void aFileThatIsNotWhatItSaysIsRefused415AndLeavesNoCase() {
        // given an order of the customer
        BillingOrder order = order();

        // when the one call carries an executable named as a screenshot
        Api.Response response = api.postMultipart(token, Api.newKey(), PATH, null, List.of(
                requestPart(order.orderId(), "UNSATISFIED"),
                new Api.FilePart("evidence", "screenshot.png", "image/png", Fixtures.EXE)));

        // then the file is refused and the case is not kept
        assertThat(response.status()).as(response.text()).isEqualTo(415);
        assertThat(casesOn(order)).isZero();
    }

    @Test
    void anUploadOverTheRequestLimitIsRefused413BeforeItIsStored() {
        // given an order of the customer, and files over the request limit (200 KB in the tests)
        BillingOrder order = order();
        Api.FilePart usage = new Api.FilePart("evidence", "usage.csv", "text/csv", Fixtures.csv(60 * 1024));

        // when the one call carries them
        Api.Response response = api.postMultipart(token, Api.newKey(), PATH, null, List.of(
                requestPart(order.orderId(), "UNSATISFIED"), usage, usage, usage, usage));

        // then the upload gate refuses it, and no case is kept
        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(casesOn(order)).isZero();
    }

    @Test
    void aPercentEncodedSpellingOfThePathIsBoundedAsAnUploadToo() {
        // given an order of the customer, and files over the request limit (200 KB in the tests)
        BillingOrder order = order();
        Api.FilePart usage = new Api.FilePart("evidence", "usage.csv", "text/csv", Fixtures.csv(60 * 1024));

        // when the one call carries them to a spelling of its path that Spring MVC routes to the same controller
        Api.Response response = api.postMultipart(token, Api.newKey(), "/api/sub%6Dissions", null, List.of(
                requestPart(order.orderId(), "UNSATISFIED"), usage, usage, usage, usage));

        // then the upload gate refuses it from its declared length, as on the plain path, and no case is kept
        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("Content-Length");
        assertThat(casesOn(order)).isZero();
    }

    @Test
    void anInvalidApplicationIsRefused400NamingItsField() {
        // given an order of the customer
        BillingOrder order = order();

        // when the application has no kind
        Api.Response response = api.postJson(token, Api.newKey(), PATH, """
                {"contact": {"orderId": "%s", "channel": "WEB", "description": "help"},
                 "application": {"ground": "UNSATISFIED"}}""".formatted(order.orderId()));

        // then the problem names the field under the application
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("application.kind");
        assertThat(casesOn(order)).isZero();
    }

    private BillingOrder order() {
        return Fixtures.publishOrder(kafka, jdbc, customer, "en");
    }

    private static Api.FilePart requestPart(String orderId, String ground) {
        return new Api.FilePart("request", null, "application/json",
                requestJson(orderId, ground).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void assertKeyReused(Api.Response reused) {
        assertThat(reused.status()).as(reused.text()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("type").asString()).endsWith("/idempotency-key-reused");
    }

    private int casesOn(BillingOrder order) {
        return jdbc.queryForObject("select count(*) from refund_case where order_id = ?", Integer.class,
                order.orderId());
    }
}
