package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.Money;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/orders}: the signed-in customer's own orders as billing holds them, each with what is left to
 * refund and the case whose request is open (the customer page lists them). Every order here was paid 199.00 CNY.
 */
@IntakeTest
class CustomerOrdersTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aCustomerSeesTheirOwnOrderWithWhatIsLeftToRefundAndNotAnotherCustomers() {
        // given an order of c-1 partly approved for a refund, and an order of c-2
        BillingOrder mine = Fixtures.publishOrder(kafka, jdbc, "c-1", "zh");
        BillingOrder theirs = Fixtures.publishOrder(kafka, jdbc, "c-2", "en");
        CaseFlow flow = new CaseFlow(new Api(port), tokens.customer("c-1"), kafka);
        flow.approved(flow.submitted(mine), Money.of("50.00", "CNY"));

        // when c-1 lists their orders
        Api.Response response = new Api(port).get(tokens.customer("c-1"), "/api/orders");

        // then their order shows what was paid and what is left, and c-2's order is not there
        assertThat(response.status()).isEqualTo(200);
        JsonNode order = find(response.json(), mine.orderId());
        assertThat(order.get("paidAmount").get("amount").asString()).isEqualTo("199.00");
        assertThat(order.get("refundable").get("amount").asString()).isEqualTo("149.00");
        assertThat(order.get("locale").asString()).isEqualTo("zh");
        assertThat(order.get("productKind").asString()).isEqualTo("SAAS");
        assertThat(response.text()).doesNotContain(theirs.orderId());
    }

    @Test
    void anOrderWithAnOpenRequestNamesItsCase() {
        // given an order of c-1 with a submitted request, not decided yet
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        CaseFlow.Submitted submitted = new CaseFlow(new Api(port), tokens.customer("c-1"), kafka).submitted(order);

        // when
        JsonNode listed = find(new Api(port).get(tokens.customer("c-1"), "/api/orders").json(), order.orderId());

        // then
        assertThat(listed.get("openCaseId").asString()).isEqualTo(submitted.caseId());
        assertThat(listed.get("openCaseNumber").asString()).isEqualTo(submitted.caseNumber());
    }

    @Test
    void severalOrdersEachShowTheirOwnRefundsAndOpenRequestNewestPaymentFirst() {
        // given three orders of one customer, paid one after the other: the first partly approved for a refund,
        // the second with a request still open, the third untouched
        BillingOrder approved = Fixtures.publishOrder(kafka, jdbc, "c-several", "en");
        BillingOrder pending = Fixtures.publishOrder(kafka, jdbc, "c-several", "en");
        BillingOrder untouched = Fixtures.publishOrder(kafka, jdbc, "c-several", "en");
        CaseFlow flow = new CaseFlow(new Api(port), tokens.customer("c-several"), kafka);
        flow.approved(flow.submitted(approved), Money.of("50.00", "CNY"));
        CaseFlow.Submitted open = flow.submitted(pending);

        // when the customer lists their orders
        JsonNode listed = new Api(port).get(tokens.customer("c-several"), "/api/orders").json();

        // then each order carries its own figures, not another order's, the newest payment first
        List<String> ids = new ArrayList<>();
        listed.forEach(order -> ids.add(order.get("orderId").asString()));
        assertThat(ids)
                .containsExactly(untouched.orderId(), pending.orderId(), approved.orderId());
        assertThat(find(listed, approved.orderId()).get("refundable").get("amount").asString()).isEqualTo("149.00");
        assertThat(find(listed, pending.orderId()).get("refundable").get("amount").asString()).isEqualTo("199.00");
        assertThat(find(listed, pending.orderId()).get("openCaseNumber").asString()).isEqualTo(open.caseNumber());
        assertThat(find(listed, untouched.orderId()).get("refundable").get("amount").asString()).isEqualTo("199.00");
        assertThat(find(listed, untouched.orderId()).hasNonNull("openCaseId")).isFalse();
    }

    @Test
    void staffHaveNoOrdersOfTheirOwn() {
        // when an agent asks for "my orders"
        Api.Response response = new Api(port).get(tokens.agent("agent-1"), "/api/orders");

        // then it is refused rather than listing every customer's orders
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theUploadLimitsAreTheOnesTheServiceEnforces() {
        // when a client asks what it may upload (the test profile sets a file at most 64 KB)
        JsonNode limits = new Api(port).get(tokens.customer("c-1"), "/api/uploads/limits").json();

        // then
        assertThat(limits.get("maxFileSize").asLong()).isEqualTo(64 * 1024);
        assertThat(limits.get("allowedTypes").toString()).contains("image/png", "application/pdf");
    }

    private static JsonNode find(JsonNode orders, String orderId) {
        for (JsonNode order : orders) {
            if (orderId.equals(order.get("orderId").asString())) {
                return order;
            }
        }
        throw new AssertionError("no order " + orderId + " in " + orders);
    }
}
