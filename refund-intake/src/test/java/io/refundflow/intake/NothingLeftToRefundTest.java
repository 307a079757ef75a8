package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A new application on an order whose paid amount is used up (approved or executed refunds, refunds billing
 * made) is answered at once with a problem naming the order and the refunds; otherwise it is accepted. Every
 * order here was paid 199.00 CNY.
 */
@IntakeTest
class NothingLeftToRefundTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Money CNY_199 = Money.of("199.00", "CNY");
    private static final Money CNY_100 = Money.of("100.00", "CNY");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    CaseFlow flow;

    @BeforeEach
    void client() {
        flow = new CaseFlow(new Api(port), tokens.customer("c-1"), kafka);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aSecondApplicationOnAnOrderApprovedInFullIsAConflictNamingTheRefundInProgress() {
        // given an order whose first case was approved for the full amount, not yet paid back
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        CaseFlow.Submitted first = flow.submitted(order);
        flow.approved(first, CNY_199);
        String second = flow.opened(order);

        // when the customer submits a second case on it
        Api.Response response = flow.submit(second);

        // then
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).endsWith("/nothing-left-to-refund");
        assertThat(problem.get("detail").asString()).contains(order.orderId(), "paid 199.00 CNY",
                first.caseNumber(), first.refundId(), "approved");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("orderId");
        JsonNode unchanged = flow.awaitCase(second, c -> true);
        assertThat(unchanged.get("status").asString()).isEqualTo("CONTACTED");
    }

    @Test
    void anApplicationOnAnOrderWithMoneyLeftIsAccepted() {
        // given an order whose first case was approved for part of the amount
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        flow.approved(flow.submitted(order), CNY_100);

        // when
        Api.Response response = flow.submit(flow.opened(order));

        // then
        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void anApprovedExchangeReservesNothingOnTheOrder() {
        // given an order whose first case was approved as an exchange, the decision even carrying the full amount
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        flow.exchangeApproved(flow.submitted(order), CNY_199);

        // when the customer applies on a second case
        Api.Response response = flow.submit(flow.opened(order));

        // then an exchange moved no money: the order's paid amount is all left, so it is accepted
        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void anOrderBillingRefundedInFullIsAConflictAtSubmit() {
        // given an order billing has refunded in full by itself
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en", CNY_199);

        // when
        Api.Response response = flow.submit(flow.opened(order));

        // then
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains(order.orderId(), "refunded it in full");
    }

    @Test
    void anExecutedRefundIsCountedOnceEvenThoughBillingsRefundedFigureIncludesIt() {
        // given 100.00 approved and executed, and billing's order saying 100.00 was refunded
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        CaseFlow.Submitted first = flow.submitted(order);
        flow.approved(first, CNY_100);
        flow.settled(first.refundId(), order.orderId(), CNY_100, SettlementStatus.EXECUTED, null);
        flow.awaitCase(first.caseId(), c -> "REFUNDED".equals(c.get("status").asString()));
        BillingOrder refunded = Fixtures.republishOrder(kafka, jdbc, order, CNY_100);

        // when the customer applies for the rest
        Api.Response response = flow.submit(flow.opened(refunded));

        // then 99.00 is left, so it is accepted
        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void aRefundBillingExecutedByHandUsesUpTheOrderToo() {
        // given billing paid the whole order back by hand (its own refund id), before its order update
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String manual = "billing-" + order.orderId();
        flow.settled(manual, order.orderId(), CNY_199, SettlementStatus.EXECUTED, null);
        org.awaitility.Awaitility.await().until(() -> jdbc.queryForObject(
                "select count(*) from order_refund where refund_id = ?", Integer.class, manual) == 1);

        // when
        Api.Response response = flow.submit(flow.opened(order));

        // then
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains(manual, "executed");
    }

    @Test
    void anOrderWhoseRefundFailedCanBeAppliedForAgain() {
        // given the full approval billing could not pay back
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        CaseFlow.Submitted first = flow.submitted(order);
        flow.approved(first, CNY_199);
        flow.settled(first.refundId(), order.orderId(), CNY_199, SettlementStatus.FAILED, "account closed");
        flow.awaitCase(first.caseId(), c -> "REFUND_FAILED".equals(c.get("status").asString()));

        // when a new case is submitted on the order
        Api.Response response = flow.submit(flow.opened(order));

        // then
        assertThat(response.status()).isEqualTo(202);
    }
}
