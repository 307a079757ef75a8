package io.refundflow.evaluator.review;

import static io.refundflow.evaluator.Fixtures.SOURCE;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.WAIT;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows;
import io.refundflow.evaluator.LedgerRows.Row;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.Roles;
import io.refundflow.testsupport.KafkaTestClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Four eyes: a reviewer's approval that, with what the same reviewer approved alone on the same order, is above the
 * policy's threshold (bundled policy: fourEyesAbove CNY 5000.00, USD 700.00, no default) waits for a second reviewer,
 * a person who is not the first; only the second decision reserves money and is published.
 */
@EvaluatorTest
class FourEyesReviewTest {

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
    String first;
    String second;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        first = tokens.ops("ops-4e-1");
        second = tokens.ops("ops-4e-2");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anApprovalAboveTheThresholdWaitsForASecondReviewerWithoutEventOrReservation() {
        // given a claimed case on a 10000.00 CNY server
        Case open = claimedLargeCase();

        // when ops-4e-1 approves 6000.00
        Api.Response answer = api.post(decision(open.refundId()), first, approve("6000.00"));

        // then the approval is recorded as the first of two: no reviewed decision, nothing reserved
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("AWAITING_SECOND_APPROVAL");
        assertThat(answer.body().get("eventId").isNull()).isTrue();
        assertThat(decisionsOf(open.refundId())).hasSize(1);
        assertThat(entries(jdbc, open.orderId())).isEmpty();
        JsonNode view = api.get("/api/reviews/" + open.refundId(), second).body();
        assertThat(view.get("status").asString()).isEqualTo("AWAITING_SECOND_APPROVAL");
        assertThat(view.get("firstApproval").get("reviewer").asString()).isEqualTo("ops-4e-1");
        assertThat(view.get("firstApproval").get("amount").get("amount").asString()).isEqualTo("6000.00");
        assertThat(view.get("outcome").isNull()).isTrue();
    }

    @Test
    void theFirstApproverCannotGiveTheSecondApproval() {
        // given a case ops-4e-1 approved above the threshold
        Case open = firstApproved("6000.00");

        // when ops-4e-1 approves it again, and tries to claim it
        Api.Response again = api.post(decision(open.refundId()), first, approve("6000.00"));
        Api.Response claim = api.post(claim(open.refundId()), first, null);

        // then both are refused naming the rule, and the case still waits
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.body().get("type").asString()).endsWith("/second-reviewer-required");
        assertThat(again.body().get("detail").asString()).contains("ops-4e-1").contains("fourEyesAbove")
                .contains("6000.00 CNY");
        assertThat(claim.status()).as(claim.toString()).isEqualTo(409);
        assertThat(claim.body().get("type").asString()).endsWith("/second-reviewer-required");
        assertThat(api.get("/api/reviews/" + open.refundId(), second).body().get("status").asString())
                .isEqualTo("AWAITING_SECOND_APPROVAL");
        assertThat(entries(jdbc, open.orderId())).isEmpty();
    }

    @Test
    void anotherReviewerCompletesTheApprovalWhichIsPublishedAndReserved() {
        // given a case ops-4e-1 approved above the threshold
        Case open = firstApproved("6000.00");

        // when ops-4e-2 approves it, without claiming it
        Api.Response decided = api.post(decision(open.refundId()), second, "{\"approved\": true}");

        // then the approval is published with its amount by the second reviewer, and reserved
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.body().get("status").asString()).isEqualTo("DECIDED");
        assertThat(decided.body().get("reviewer").asString()).isEqualTo("ops-4e-2");
        assertThat(decided.body().get("firstApproval").get("reviewer").asString()).isEqualTo("ops-4e-1");
        RefundReviewed event = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, open.refundId(), 2, WAIT)
                .get(1).data();
        assertThat(event.approved()).isTrue();
        assertThat(event.refundAmount()).isEqualTo(Money.of("6000.00", "CNY"));
        assertThat(event.reviewer()).isEqualTo("ops-4e-2");
        assertThat(event.firstApprover()).isEqualTo("ops-4e-1");
        assertThat(entries(jdbc, open.orderId())).extracting(Row::refundId, Row::state, Row::amount)
                .containsExactly(tuple(open.refundId(), "RESERVED", new BigDecimal("6000.00")));
        JsonNode outcome = api.get("/api/reviews/" + open.refundId(), first).body().get("outcome");
        assertThat(outcome.get("reviewer").asString()).isEqualTo("ops-4e-2");
        assertThat(outcome.get("firstApproval").get("reviewer").asString()).isEqualTo("ops-4e-1");
    }

    @Test
    void anotherReviewerMayRejectWhatTheFirstApproved() {
        // given a case ops-4e-1 approved above the threshold
        Case open = firstApproved("6000.00");

        // when ops-4e-2 rejects it
        Api.Response decided = api.post(decision(open.refundId()), second, """
                {"approved": false, "reason": {"en": "The logs show no fault.", "zh": "日志未显示故障。"}}""");

        // then the rejection is published and nothing is reserved
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        RefundReviewed event = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, open.refundId(), 2, WAIT)
                .get(1).data();
        assertThat(event.approved()).isFalse();
        assertThat(event.reviewer()).isEqualTo("ops-4e-2");
        assertThat(entries(jdbc, open.orderId())).isEmpty();
    }

    @Test
    void theSecondApprovalOfADifferentAmountIsRefusedNamingTheField() {
        // given a case ops-4e-1 approved above the threshold
        Case open = firstApproved("6000.00");

        // when ops-4e-2 approves another amount
        Api.Response refused = api.post(decision(open.refundId()), second, approve("5500.00"));

        // then
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(refused.body().get("detail").asString()).contains("6000.00 CNY").contains("ops-4e-1");
        assertThat(entries(jdbc, open.orderId())).isEmpty();
    }

    @Test
    void anApprovalAtTheThresholdIsDecidedByOneReviewer() {
        // given a claimed case on a 10000.00 CNY server
        Case open = claimedLargeCase();

        // when ops-4e-1 approves exactly 5000.00, the threshold
        Api.Response decided = api.post(decision(open.refundId()), first, approve("5000.00"));

        // then it is decided, published and reserved at once
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.body().get("status").asString()).isEqualTo("DECIDED");
        assertThat(decided.body().get("firstApproval").isNull()).isTrue();
        RefundReviewed event = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, open.refundId(), 2, WAIT)
                .get(1).data();
        assertThat(event.refundAmount()).isEqualTo(Money.of("5000.00", "CNY"));
        assertThat(event.firstApprover()).isNull();
        assertThat(entries(jdbc, open.orderId())).extracting(Row::amount).containsExactly(new BigDecimal("5000.00"));
    }

    @Test
    void aRejectionByTheFirstReviewerNeedsNoSecond() {
        // given a claimed case on a 10000.00 CNY server
        Case open = claimedLargeCase();

        // when ops-4e-1 rejects it
        Api.Response decided = api.post(decision(open.refundId()), first, """
                {"approved": false, "reason": {"en": "No fault found.", "zh": "未发现故障。"}}""");

        // then
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.body().get("status").asString()).isEqualTo("DECIDED");
        assertThat(((RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, open.refundId(), 2, WAIT).get(1).data())
                .approved()).isFalse();
    }

    @Test
    void oneReviewersApprovalsOnTwoCasesOfOneOrderAddUpTowardsTheThreshold() {
        // given two claims on one 1200.00 USD server (threshold 700.00 USD), and ops-4e-1 approved 700.00 on the first
        String orderId = serverOrder(Money.of("1200.00", "USD"));
        Case one = claimedCase(orderId);
        Case two = claimedCase(orderId);
        Api.Response alone = api.post(decision(one.refundId()), first, approve("700.00", "USD"));
        assertThat(alone.body().get("status").asString()).as(alone.toString()).isEqualTo("DECIDED");

        // when ops-4e-1 approves 400.00 on the second
        Api.Response answer = api.post(decision(two.refundId()), first, approve("400.00", "USD"));

        // then 1100.00 by one reviewer on one order is above the threshold: the second approval waits for another
        // reviewer and nothing more is reserved
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("AWAITING_SECOND_APPROVAL");
        assertThat(entries(jdbc, orderId)).extracting(Row::refundId, Row::amount)
                .containsExactly(tuple(one.refundId(), new BigDecimal("700.00")));
        assertThat(decisionsOf(two.refundId())).hasSize(1);
    }

    @Test
    void anApprovalDecidedBeforeThePolicysFourEyesWindowNoLongerCounts() {
        // given ops-4e-1 approved 700.00 alone on one claim of a 1200.00 USD server, 31 days ago (window P30D)
        String orderId = serverOrder(Money.of("1200.00", "USD"));
        Case one = claimedCase(orderId);
        Case two = claimedCase(orderId);
        assertThat(api.post(decision(one.refundId()), first, approve("700.00", "USD")).body().get("status")
                .asString()).isEqualTo("DECIDED");
        jdbc.update("update evaluator.manual_review set decided_at = decided_at - interval '31 days'"
                + " where refund_id = ?", one.refundId());

        // when ops-4e-1 approves 400.00 on the second claim
        Api.Response answer = api.post(decision(two.refundId()), first, approve("400.00", "USD"));

        // then only the 400.00 counts: decided alone
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("DECIDED");
    }

    @Test
    void anotherReviewersApprovalsOnTheOrderDoNotCountTowardsThisReviewersThreshold() {
        // given ops-4e-2 approved 700.00 alone on one claim of a 1200.00 USD server
        String orderId = serverOrder(Money.of("1200.00", "USD"));
        Case one = claimedCase(orderId, second);
        Case two = claimedCase(orderId);
        assertThat(api.post(decision(one.refundId()), second, approve("700.00", "USD")).body().get("status")
                .asString()).isEqualTo("DECIDED");

        // when ops-4e-1 approves 400.00 on the second claim
        Api.Response answer = api.post(decision(two.refundId()), first, approve("400.00", "USD"));

        // then each reviewer stayed at or under the threshold on the order: decided alone
        assertThat(answer.body().get("status").asString()).as(answer.toString()).isEqualTo("DECIDED");
        assertThat(entries(jdbc, orderId)).extracting(Row::amount)
                .containsExactlyInAnyOrder(new BigDecimal("700.00"), new BigDecimal("400.00"));
    }

    @Test
    void concurrentApprovalsByOneReviewerOnOneOrderCannotBothSlipUnderTheThreshold() {
        // given two claims on one 1200.00 USD server (threshold 700.00 USD), both claimed by ops-4e-1
        String orderId = serverOrder(Money.of("1200.00", "USD"));
        Case one = claimedCase(orderId);
        Case two = claimedCase(orderId);

        // when ops-4e-1 approves 400.00 on both at the same time
        CompletableFuture<Api.Response> a = CompletableFuture.supplyAsync(
                () -> api.post(decision(one.refundId()), first, approve("400.00", "USD")));
        CompletableFuture<Api.Response> b = CompletableFuture.supplyAsync(
                () -> api.post(decision(two.refundId()), first, approve("400.00", "USD")));

        // then one is decided alone and the other waits for a second reviewer: 400.00 reserved, not 800.00
        assertThat(List.of(a.join(), b.join())).extracting(r -> r.body().get("status").asString())
                .containsExactlyInAnyOrder("DECIDED", "AWAITING_SECOND_APPROVAL");
        assertThat(entries(jdbc, orderId)).extracting(Row::amount).containsExactly(new BigDecimal("400.00"));
    }

    @Test
    void anApprovalInACurrencyThePolicyGivesNoThresholdWaitsForASecondReviewer() {
        // given a claim on a 100.00 EUR server: the bundled policy names no EUR threshold and no default
        Case open = claimedCase(serverOrder(Money.of("100.00", "EUR")));

        // when ops-4e-1 approves 5.00
        Api.Response answer = api.post(decision(open.refundId()), first, approve("5.00", "EUR"));

        // then it waits for a second reviewer, nothing reserved
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("AWAITING_SECOND_APPROVAL");
        assertThat(entries(jdbc, open.orderId())).isEmpty();
    }

    @Test
    void aMachineTokenCannotGiveTheSecondApproval() {
        // given a case ops-4e-1 approved above the threshold
        Case open = firstApproved("6000.00");

        // when the ops-cli client approves it with its client-credentials token (role ops)
        Api.Response refused = api.post(decision(open.refundId()), tokens.machine("ops-cli", List.of(Roles.OPS)),
                "{\"approved\": true}");

        // then only a person may be the second reviewer: forbidden, nothing reserved, the case still waits
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.body().get("type").asString()).endsWith("/people-only");
        assertThat(entries(jdbc, open.orderId())).isEmpty();
        assertThat(api.get("/api/reviews/" + open.refundId(), second).body().get("status").asString())
                .isEqualTo("AWAITING_SECOND_APPROVAL");
        assertThat(decisionsOf(open.refundId())).hasSize(1);
    }

    private record Case(String refundId, String orderId) {
    }

    /** Every decision of the refund on the topic, read to its end once the outbox has sent all it held for it. */
    private List<ConsumerRecord<String, byte[]>> decisionsOf(String refundId) {
        LedgerRows.awaitRelayed(jdbc, refundId);
        return kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT);
    }

    private Case firstApproved(String amount) {
        Case open = claimedLargeCase();
        Api.Response answer = api.post(decision(open.refundId()), first, approve(amount));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("AWAITING_SECOND_APPROVAL");
        return open;
    }

    /** A quality claim with evidence on a 10000.00 CNY server paid 9.5 days ago, claimed by ops-4e-1. */
    private Case claimedLargeCase() {
        return claimedCase(serverOrder(Money.of("10000.00", "CNY")));
    }

    /** Publishes a one-year server paid {@code paid} 9.5 days ago, owned by c-1. */
    private String serverOrder(Money paid) {
        String orderId = id("o");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.server(orderId, "c-1", daysAgo(9.5), paid), clock));
        return orderId;
    }

    /** A quality claim with evidence on the order, which the policy sends to a person, claimed by ops-4e-1. */
    private Case claimedCase(String orderId) {
        return claimedCase(orderId, first);
    }

    private Case claimedCase(String orderId, String reviewer) {
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(SOURCE, Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE,
                List.of(Fixtures.screenshot())), clock));
        assertThat(kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT).get(0).data())
                .isInstanceOf(ManualReviewRequired.class);
        assertThat(api.post(claim(refundId), reviewer, null).status()).isEqualTo(200);
        return new Case(refundId, orderId);
    }

    private static String approve(String amount) {
        return approve(amount, "CNY");
    }

    private static String approve(String amount, String currency) {
        return "{\"approved\": true, \"amount\": {\"amount\": \"" + amount + "\", \"currency\": \"" + currency
                + "\"}}";
    }

    private static String claim(String refundId) {
        return "/api/reviews/" + refundId + "/claim";
    }

    private static String decision(String refundId) {
        return "/api/reviews/" + refundId + "/decision";
    }
}
