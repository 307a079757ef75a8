package io.refundflow.evaluator.review;

import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.WAIT;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows.Row;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A case whose rule says {@code refund: NONE} (no proposal) pays money only when the reviewer writes the amount and
 * why, and the review trail says it was paid against the policy. No approval defaults to everything refundable.
 */
@EvaluatorTest
class PayingAgainstPolicyTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String BECAUSE = "{\"en\": \"Outage confirmed by the provider.\", \"zh\": \"供应商确认了故障。\"}";

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
        reviewer = tokens.ops("ops-none");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anApprovalWithoutAmountOfACaseThePolicyProposesNoRefundForIsRefused() {
        // given a claim on a SaaS order past its guarantee: the policy proposes no refund, a person decides
        Case open = claimedCaseWithoutProposal();

        // when the reviewer approves without an amount
        Api.Response refused = api.post(decision(open.refundId()), reviewer, "{\"approved\": true}");

        // then it is refused naming the amount; nothing is reserved
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(refused.body().get("detail").asString()).contains("refund: NONE");
        assertThat(entries(jdbc, open.orderId())).isEmpty();
        assertThat(status(open)).isEqualTo("CLAIMED");
    }

    @Test
    void anApprovalWithAnAmountButNoReasonOfACaseThePolicyProposesNoRefundForIsRefused() {
        // given a case the policy proposes no refund for
        Case open = claimedCaseWithoutProposal();

        // when the reviewer approves 40.00 without saying why
        Api.Response refused = api.post(decision(open.refundId()), reviewer,
                "{\"approved\": true, \"amount\": {\"amount\": \"40.00\", \"currency\": \"CNY\"}}");

        // then it is refused naming the reason; nothing is reserved
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(entries(jdbc, open.orderId())).isEmpty();
        assertThat(status(open)).isEqualTo("CLAIMED");
    }

    @Test
    void anApprovalWithAmountAndReasonIsPaidAndMarkedAsAgainstThePolicy() {
        // given a case the policy proposes no refund for
        Case open = claimedCaseWithoutProposal();

        // when the reviewer approves 40.00 and says why
        Api.Response decided = api.post(decision(open.refundId()), reviewer,
                "{\"approved\": true, \"amount\": {\"amount\": \"40.00\", \"currency\": \"CNY\"}, \"reason\": "
                        + BECAUSE + "}");

        // then it is reserved and published as paid against the policy, and the case shows it
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.body().get("againstPolicy").asBoolean()).isTrue();
        RefundReviewed event = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, open.refundId(), 2, WAIT)
                .get(1).data();
        assertThat(event.header().reasonCode()).isEqualTo("REVIEW_APPROVED_AGAINST_POLICY");
        assertThat(event.refundAmount()).isEqualTo(Money.of("40.00", "CNY"));
        assertThat(event.header().reason().en()).isEqualTo("Outage confirmed by the provider.");
        assertThat(entries(jdbc, open.orderId())).extracting(Row::refundId, Row::amount)
                .containsExactly(tuple(open.refundId(), new BigDecimal("40.00")));
        JsonNode outcome = api.get("/api/reviews/" + open.refundId(), reviewer).body().get("outcome");
        assertThat(outcome.get("againstPolicy").asBoolean()).isTrue();
        assertThat(outcome.get("reasonCode").asString()).isEqualTo("REVIEW_APPROVED_AGAINST_POLICY");
    }

    private record Case(String refundId, String orderId) {
    }

    /**
     * A quality claim with evidence on a 100.00 CNY SaaS order paid ten days ago (past the guarantee): the rule
     * claim.non-server.manual-review sends it to a person with refund NONE. Claimed by the reviewer.
     */
    private Case claimedCaseWithoutProposal() {
        String orderId = id("o");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.saas(orderId, "c-1", daysAgo(10)), clock));
        kafka.publish(EventEnvelope.of(Fixtures.SOURCE, Fixtures.request(refundId, orderId, "c-1",
                Ground.QUALITY_ISSUE, List.of(Fixtures.screenshot())), clock));
        ManualReviewRequired review = (ManualReviewRequired) kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT)
                .get(0).data();
        assertThat(review.header().ruleId()).isEqualTo("claim.non-server.manual-review");
        assertThat(review.proposedAmount()).isNull();
        assertThat(api.post("/api/reviews/" + refundId + "/claim", reviewer, null).status()).isEqualTo(200);
        return new Case(refundId, orderId);
    }

    private String status(Case open) {
        return api.get("/api/reviews/" + open.refundId(), reviewer).body().get("status").asString();
    }

    private static String decision(String refundId) {
        return "/api/reviews/" + refundId + "/decision";
    }
}
