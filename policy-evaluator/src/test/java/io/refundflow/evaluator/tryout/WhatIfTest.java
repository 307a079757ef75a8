package io.refundflow.evaluator.tryout;

import static io.refundflow.evaluator.Fixtures.SOURCE;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows;
import io.refundflow.evaluator.PolicyTexts;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /api/policy/what-if: stored decisions replayed through the current and a candidate policy. */
@EvaluatorTest
class WhatIfTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PATH = "/api/policy/what-if";
    static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper json = JsonMapper.builder().build();
    Api api;
    String ops;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        ops = tokens.ops("ops-1");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aLongerGuaranteeWindowReportsTheRejectionsItWouldTurnIntoApprovals() {
        // given two SAAS refunds asked for 6 days after payment (rejected today) and one after 1 day (approved)
        Instant start = Instant.now().minusSeconds(1);
        String lateA = decided(6);
        String lateB = decided(6);
        String early = decided(1);

        // when the candidate policy with a 7-day guarantee is replayed over that time
        Api.Response report = api.post(PATH, ops, body(PolicyTexts.sevenDayGuarantee(), start,
                Instant.now().plusSeconds(60)));

        // then the two late ones change from the over-rule to the inside-rule, the early one does not
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode body = report.body();
        assertThat(body.get("currentPolicyVersion").asString()).isEqualTo(PolicyTexts.bundledVersion());
        assertThat(body.get("candidatePolicyVersion").asString()).isEqualTo("2026.12-candidate");
        assertThat(body.get("replayed").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode change = null;
        for (JsonNode count : body.get("changesByRule")) {
            if (count.get("currentRuleId").asString().equals("saas.guarantee.over")) {
                change = count;
            }
        }
        assertThat(change).as(report.toString()).isNotNull();
        assertThat(change.get("candidateRuleId").asString()).isEqualTo("saas.guarantee.inside");
        assertThat(change.get("currentOutcome").asString()).isEqualTo("REJECTED");
        assertThat(change.get("candidateOutcome").asString()).isEqualTo("APPROVED");
        assertThat(change.get("count").asLong()).isGreaterThanOrEqualTo(2);
        Map<String, JsonNode> sample = new HashMap<>();
        body.get("sample").forEach(item -> sample.put(item.get("refundId").asString(), item));
        assertThat(sample).containsKeys(lateA, lateB).doesNotContainKey(early);
        assertThat(sample.get(lateA).get("candidate").get("refundAmount").get("amount").asString())
                .isEqualTo("100.00");
        assertThat(sample.get(lateA).get("current").get("outcome").asString()).isEqualTo("REJECTED");
    }

    @Test
    void aWhatIfPublishesNothing() {
        // given a decided refund
        Instant start = Instant.now().minusSeconds(1);
        String refundId = decided(6);

        // when
        assertThat(api.post(PATH, ops, body(PolicyTexts.sevenDayGuarantee(), start, Instant.now().plusSeconds(60)))
                .status()).isEqualTo(200);

        // then its only decision is still the one published before (the topic read to its end once the outbox
        // holds nothing for the refund)
        LedgerRows.awaitRelayed(jdbc, refundId);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT)).hasSize(1);
    }

    @Test
    void anInvalidCandidatePolicyIsABadRequestWithTheLoadersMessage() {
        // when
        Api.Response refused = api.post(PATH, ops, body(PolicyTexts.unknownWindow(), Instant.now().minusSeconds(60),
                Instant.now()));

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("policy");
        assertThat(refused.body().get("detail").asString())
                .contains("rule 'saas.guarantee.inside'").contains("unknown window 'warranty'");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsABadRequestNamingTheField() {
        // when
        Api.Response refused = api.post(PATH, ops, body(PolicyTexts.sevenDayGuarantee(), Instant.now(),
                Instant.now().minusSeconds(3600)));

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    private String decided(double daysAfterPayment) {
        String orderId = id("o");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.saas(orderId, "c-1", daysAgo(daysAfterPayment)), clock));
        kafka.publish(EventEnvelope.of(SOURCE, Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED), clock));
        kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT);
        return refundId;
    }

    private String body(String policy, Instant from, Instant to) {
        Map<String, Object> body = new HashMap<>();
        body.put("policy", policy);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("sampleSize", 500);
        return json.writeValueAsString(body);
    }
}
