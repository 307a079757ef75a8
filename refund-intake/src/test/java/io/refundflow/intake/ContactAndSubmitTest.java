package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.Ground;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@IntakeTest
class ContactAndSubmitTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    void customerOpensACaseForTheirOrder() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");

        Api.Response response = api.postJson(tokens.customer("c-1"), Api.newKey(), "/api/cases",
                contactJson(order.orderId()));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(response.header("Location")).isEqualTo("/api/cases/" + body.get("caseId").asString());
        assertThat(body.get("caseNumber").asString()).matches("RF-\\d{4}-\\d{6}");
        assertThat(body.get("status").asString()).isEqualTo("CONTACTED");
        assertThat(body.get("customerId").asString()).isEqualTo("c-1");
        assertThat(body.get("channel").asString()).isEqualTo("WEB");
        assertThat(body.get("timeline").get(0).get("step").asString()).isEqualTo("CONTACTED");
        assertThat(body.get("timeline").get(0).get("done").asBoolean()).isTrue();
        assertThat(body.get("timeline").get(1).get("done").asBoolean()).isFalse();
    }

    @Test
    void aContactEmailIsAcceptedAndIgnoredWhetherMissingOrMalformed() {
        // given two cases on two orders of the customer
        String token = tokens.customer("c-1");
        String[] cases = new String[2];
        for (int i = 0; i < cases.length; i++) {
            BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
            cases[i] = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                    .get("caseId").asString();
        }

        // when one application names no contact email and the other a malformed one
        Api.Response without = api.postMultipart(token, Api.newKey(), Api.submitPath(cases[0]), """
                {"ground": "UNSATISFIED", "kind": "REFUND"}""", List.of());
        Api.Response malformed = api.postMultipart(token, Api.newKey(), Api.submitPath(cases[1]), """
                {"ground": "UNSATISFIED", "kind": "REFUND", "contactEmail": "not-an-email"}""", List.of());

        // then both are submitted
        assertThat(without.status()).as(without.text()).isEqualTo(202);
        assertThat(malformed.status()).as(malformed.text()).isEqualTo(202);
    }

    @Test
    void submittingPublishesTheRefundRequestWithEvidenceMetadataButNotTheBytes() throws Exception {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "zh");
        String token = tokens.customer("c-1");
        JsonNode opened = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json();
        String caseId = opened.get("caseId").asString();

        Api.Response response = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(),
                List.of(new Api.FilePart("evidence", "screenshot.png", "image/png", Fixtures.PNG),
                        new Api.FilePart("evidence", "usage.csv", "text/csv",
                                "day,cpu\n1,0.5\n".getBytes())));

        assertThat(response.status()).isEqualTo(202);
        JsonNode body = response.json();
        assertThat(body.get("status").asString()).isEqualTo("SUBMITTED");
        String refundId = body.get("refundId").asString();
        assertThat(body.get("timeline").get(1).get("done").asBoolean()).isTrue();

        EventEnvelope<?> event = kafka.awaitEvents(Topics.REQUESTS, refundId, 1, TIMEOUT).get(0);
        assertThat(event.subject()).isEqualTo(refundId);
        RefundRequested request = (RefundRequested) event.data();
        assertThat(request.caseNumber()).isEqualTo(opened.get("caseNumber").asString());
        assertThat(request.orderId()).isEqualTo(order.orderId());
        assertThat(request.customerId()).isEqualTo("c-1");
        assertThat(request.ground()).isEqualTo(Ground.UNSATISFIED);
        assertThat(request.kind()).isEqualTo(RequestKind.REFUND);
        assertThat(request.locale()).as("the billing customer's locale").isEqualTo("zh");
        assertThat(request.evidence()).containsExactly(
                new Evidence("screenshot.png", "image/png", Fixtures.PNG.length, sha256(Fixtures.PNG)),
                new Evidence("usage.csv", "text/csv", "day,cpu\n1,0.5\n".length(),
                        sha256("day,cpu\n1,0.5\n".getBytes())));
        assertThat(jdbc.queryForList("select sha256 from evidence where refund_id = ? order by id", String.class,
                refundId)).containsExactly(sha256(Fixtures.PNG), sha256("day,cpu\n1,0.5\n".getBytes()));
    }

    @Test
    void agentOpensACaseForTheOwnerOfTheOrder() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-2", "en");

        Api.Response response = api.postJson(tokens.agent("agent-1"), Api.newKey(), "/api/cases", """
                {"orderId": "%s", "channel": "PHONE", "description": "customer called"}""".formatted(order.orderId()));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("customerId").asString()).isEqualTo("c-2");
        assertThat(response.json().get("channel").asString()).isEqualTo("PHONE");
    }

    @Test
    void openingACaseForAnotherCustomersOrderIsRefused() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-2", "en");

        Api.Response response = api.postJson(tokens.customer("c-1"), Api.newKey(), "/api/cases",
                contactJson(order.orderId()));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("orderId");
        assertThat(jdbc.queryForObject("select count(*) from refund_case where order_id = ?", Integer.class,
                order.orderId())).isZero();
    }

    @Test
    void openingACaseForAnOrderUnknownToBillingIsRefused() {
        Api.Response response = api.postJson(tokens.customer("c-1"), Api.newKey(), "/api/cases",
                contactJson(Fixtures.orderId()));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").asString()).contains("orderId").contains("billing");
    }

    @Test
    void aSecondOpenRequestForTheSameOrderIsRefused() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String token = tokens.customer("c-1");
        String first = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                .get("caseId").asString();
        String second = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                .get("caseId").asString();
        assertThat(api.postMultipart(token, Api.newKey(), Api.submitPath(first), applicationJson(), List.of())
                .status()).isEqualTo(202);

        Api.Response response = api.postMultipart(token, Api.newKey(), Api.submitPath(second), applicationJson(),
                List.of());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains(order.orderId()).contains("open refund request");
    }

    @Test
    void aCustomerSeesNeitherAnotherCustomersCaseNorItsExistence() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String caseId = api.postJson(tokens.customer("c-1"), Api.newKey(), "/api/cases",
                contactJson(order.orderId())).json().get("caseId").asString();

        Api.Response response = api.get(tokens.customer("c-2"), "/api/cases/" + caseId);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aCustomerListsOnlyTheirOwnCasesPageByPage() {
        String customer = "c-list-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.customer(customer);
        for (int i = 0; i < 3; i++) {
            BillingOrder order = Fixtures.publishOrder(kafka, jdbc, customer, "en");
            api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId()));
        }
        BillingOrder other = Fixtures.publishOrder(kafka, jdbc, "c-2", "en");
        api.postJson(tokens.customer("c-2"), Api.newKey(), "/api/cases", contactJson(other.orderId()));

        JsonNode first = api.get(token, "/api/cases?page=0&size=2").json();
        JsonNode second = api.get(token, "/api/cases?page=1&size=2").json();

        assertThat(first.get("totalItems").asLong()).isEqualTo(3);
        assertThat(first.get("totalPages").asLong()).isEqualTo(2);
        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        first.get("items").forEach(item -> assertThat(item.get("customerId").asString()).isEqualTo(customer));
        second.get("items").forEach(item -> assertThat(item.get("customerId").asString()).isEqualTo(customer));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
