package io.refundflow.evaluator.review;

import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.WAIT;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An exchange never moves money: approving one arranges the replacement (its own outcome, EXCHANGE_APPROVED), reserves
 * nothing and pays nothing, whatever the order has left to refund.
 */
@EvaluatorTest
class ExchangeReviewTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String reviewer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        reviewer = tokens.ops("ops-exchange");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anApprovedExchangeReservesNothingAndIsPublishedAsAnExchangeWithoutAmount() {
        // given an exchange of a 100.00 CNY SaaS order in review, claimed
        Case exchange = claimedExchange();

        // when the reviewer approves it without an amount
        Api.Response decided = api.post(decision(exchange.refundId()), reviewer, "{\"approved\": true}");

        // then it is decided as an exchange at once: no amount, nothing reserved, the event moves no money
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.body().get("status").asString()).isEqualTo("DECIDED");
        assertThat(decided.body().get("exchange").asBoolean()).isTrue();
        assertThat(decided.body().get("amount").isNull()).isTrue();
        RefundReviewed event = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, exchange.refundId(), 2, WAIT)
                .get(1).data();
        assertThat(event.approved()).isTrue();
        assertThat(event.exchange()).isTrue();
        assertThat(event.refundAmount()).isNull();
        assertThat(event.header().reasonCode()).isEqualTo(RefundReviewed.EXCHANGE_APPROVED);
        assertThat(event.paysMoney()).isFalse();
        assertThat(entries(jdbc, exchange.orderId())).isEmpty();
        JsonNode outcome = api.get("/api/reviews/" + exchange.refundId(), reviewer).body().get("outcome");
        assertThat(outcome.get("exchange").asBoolean()).isTrue();
        assertThat(outcome.get("reasonCode").asString()).isEqualTo(RefundReviewed.EXCHANGE_APPROVED);
    }

    @Test
    void anExchangeApprovalThatCarriesAnAmountIsRefusedNamingTheField() {
        // given an exchange in review, claimed
        Case exchange = claimedExchange();

        // when the reviewer approves it with the order's whole amount
        Api.Response refused = api.post(decision(exchange.refundId()), reviewer,
                "{\"approved\": true, \"amount\": {\"amount\": \"100.00\", \"currency\": \"CNY\"}}");

        // then it is refused, naming the amount and why; nothing is reserved and the case is still the reviewer's
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(refused.body().get("detail").asString()).contains("exchange").contains("refund");
        assertThat(entries(jdbc, exchange.orderId())).isEmpty();
        assertThat(api.get("/api/reviews/" + exchange.refundId(), reviewer).body().get("status").asString())
                .isEqualTo("CLAIMED");
    }

    private record Case(String refundId, String orderId) {
    }

    /** An exchange of a 100.00 CNY SaaS order paid two days ago, which the policy sends to a person, claimed. */
    private Case claimedExchange() {
        String orderId = id("o");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.saas(orderId, "c-1", daysAgo(2)), clock));
        kafka.publish(EventEnvelope.of(Fixtures.SOURCE,
                Fixtures.exchange(refundId, orderId, "c-1", Ground.QUALITY_ISSUE), clock));
        assertThat(kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT).get(0).data())
                .isInstanceOf(ManualReviewRequired.class);
        assertThat(api.post("/api/reviews/" + refundId + "/claim", reviewer, null).status()).isEqualTo(200);
        return new Case(refundId, orderId);
    }

    private static String decision(String refundId) {
        return "/api/reviews/" + refundId + "/decision";
    }
}
