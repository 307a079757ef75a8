package io.refundflow.evaluator.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.LedgerRows;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.Roles;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A person decides what the policy sent to manual review, through the ops API. */
@EvaluatorTest
class ManualReviewTest {

    static final Duration WAIT = Duration.ofSeconds(30);
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
    String otherReviewer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        reviewer = tokens.ops("ops-1");
        otherReviewer = tokens.ops("ops-2");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theQueueListsOpenCasesOldestFirstFilteredByGroundAndProductKind() {
        // given two quality claims on servers, the first older, and a force-majeure claim
        String older = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        String newer = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        String other = ReviewCases.serverClaimInReview(kafka, clock, Ground.FORCE_MAJEURE);

        // when a reviewer lists the quality claims on servers
        Api.Response page = api.get("/api/reviews?ground=QUALITY_ISSUE&productKind=SERVER&size=100", reviewer);

        // then only those are listed, oldest first
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.body().get("items").forEach(item -> {
            assertThat(item.get("ground").asString()).isEqualTo("QUALITY_ISSUE");
            assertThat(item.get("productKind").asString()).isEqualTo("SERVER");
            ids.add(item.get("refundId").asString());
        });
        assertThat(ids).contains(older, newer).doesNotContain(other);
        assertThat(ids.indexOf(older)).isLessThan(ids.indexOf(newer));
    }

    @Test
    void aReviewerSeesTheRequestTheOrderFactsAndTheEvidence() {
        // given
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);

        // when
        Api.Response view = api.get("/api/reviews/" + refundId, reviewer);

        // then
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        JsonNode body = view.body();
        assertThat(body.get("status").asString()).isEqualTo("OPEN");
        assertThat(body.get("request").get("refundId").asString()).isEqualTo(refundId);
        assertThat(body.get("evidence").get(0).get("fileName").asString()).isEqualTo("fault.png");
        assertThat(body.get("evidence").get(0).get("href").asString()).isEqualTo("http://127.0.0.1:8081/api/refunds/"
                + refundId + "/evidence/" + body.get("evidence").get(0).get("sha256").asString());
        assertThat(body.get("order").get("productKind").asString()).isEqualTo("SERVER");
        assertThat(body.get("refundable").get("amount").asString()).isEqualTo("3650.00");
        assertThat(body.get("decision").get("ruleId").asString()).isEqualTo("server.claim.quality-issue");
        assertThat(body.get("decision").get("proposedAmount").get("amount").asString()).isEqualTo("3550.00");
        assertThat(body.get("decision").get("trace").size()).isPositive();
    }

    @Test
    void aCaseClaimedByOneReviewerCannotBeClaimedByAnother() {
        // given a case claimed by ops-1
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        assertThat(api.post(claim(refundId), reviewer, null).status()).isEqualTo(200);

        // when ops-2 tries to claim it
        Api.Response second = api.post(claim(refundId), otherReviewer, null);

        // then
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.isProblem()).isTrue();
        assertThat(second.body().get("type").asString()).endsWith("/claimed-by-another-reviewer");
        assertThat(second.body().get("detail").asString()).contains("ops-1");
    }

    @Test
    void approvingWithAnEditedAmountPublishesTheReviewedDecision() {
        // given a case claimed by ops-1
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        api.post(claim(refundId), reviewer, null);

        // when ops-1 approves 1200.00 instead of the proposed 3550.00
        Api.Response decided = api.post(decision(refundId), reviewer,
                "{\"approved\": true, \"amount\": {\"amount\": \"1200.00\", \"currency\": \"CNY\"}}");

        // then the reviewed decision follows the manual-review one on the decisions topic
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        List<EventEnvelope<?>> events = kafka.awaitEvents(Topics.DECISIONS, refundId, 2, WAIT);
        assertThat(events.get(0).data()).isInstanceOf(ManualReviewRequired.class);
        RefundReviewed reviewed = (RefundReviewed) events.get(1).data();
        assertThat(reviewed.approved()).isTrue();
        assertThat(reviewed.refundAmount()).isEqualTo(Money.of("1200.00", "CNY"));
        assertThat(reviewed.reviewer()).isEqualTo("ops-1");
        assertThat(reviewed.header().reasonCode()).isEqualTo("REVIEW_APPROVED");
        assertThat(reviewed.header().recipient().email()).isEqualTo("c-1@billing.example");
        assertThat(api.get("/api/reviews/" + refundId, reviewer).body().get("status").asString())
                .isEqualTo("DECIDED");
    }

    @Test
    void rejectingWithAReasonPublishesTheReviewedRejection() {
        // given
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        api.post(claim(refundId), reviewer, null);

        // when
        Api.Response decided = api.post(decision(refundId), reviewer, """
                {"approved": false, "reason": {"en": "The logs show no fault.", "zh": "日志未显示故障。"}}""");

        // then
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        RefundReviewed reviewed = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, refundId, 2, WAIT).get(1).data();
        assertThat(reviewed.approved()).isFalse();
        assertThat(reviewed.refundAmount()).isNull();
        assertThat(reviewed.header().reason().zh()).isEqualTo("日志未显示故障。");
    }

    @Test
    void anAmountAboveWhatIsRefundableIsRefusedNamingTheField() {
        // given a case of an order that paid 3650.00
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        api.post(claim(refundId), reviewer, null);

        // when the reviewer approves 4000.00
        Api.Response refused = api.post(decision(refundId), reviewer,
                "{\"approved\": true, \"amount\": {\"amount\": \"4000.00\", \"currency\": \"CNY\"}}");

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("amount.amount");
        assertThat(refused.body().get("detail").asString()).contains("exceeds").contains("3650.00 CNY");
        assertThat(api.get("/api/reviews/" + refundId, reviewer).body().get("status").asString())
                .isEqualTo("CLAIMED");
    }

    @Test
    void aCaseClaimedByAnotherReviewerCannotBeDecided() {
        // given a case claimed by ops-1
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        api.post(claim(refundId), reviewer, null);

        // when ops-2 decides it
        Api.Response refused = api.post(decision(refundId), otherReviewer, "{\"approved\": true}");

        // then
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("type").asString()).endsWith("/not-claimed-by-you");
    }

    @Test
    void aDecidedCaseCannotBeDecidedAgain() {
        // given a case ops-1 approved
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        api.post(claim(refundId), reviewer, null);
        assertThat(api.post(decision(refundId), reviewer, "{\"approved\": true}").status()).isEqualTo(200);

        // when ops-1 decides it again
        Api.Response again = api.post(decision(refundId), reviewer, "{\"approved\": true}");

        // then only one reviewed decision exists
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).endsWith("/already-decided");
        LedgerRows.awaitRelayed(jdbc, refundId);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT)).hasSize(2);
    }

    @Test
    void aRejectionWithoutAReasonIsRefusedNamingTheField() {
        // given
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        api.post(claim(refundId), reviewer, null);

        // when
        Api.Response refused = api.post(decision(refundId), reviewer, "{\"approved\": false}");

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
    }

    @Test
    void anUnknownGroundFilterIsRefusedNamingTheParameter() {
        // when
        Api.Response refused = api.get("/api/reviews?ground=BORED", reviewer);

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("ground");
    }

    @Test
    void aCallerWithoutTheOpsRoleIsForbidden() {
        // when a customer and an agent call the review API
        Api.Response customer = api.get("/api/reviews", tokens.customer("c-1"));
        Api.Response agent = api.post(claim("r-any"), tokens.agent("agent-1"), null);

        // then
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.isProblem()).isTrue();
        assertThat(agent.status()).isEqualTo(403);
    }

    @Test
    void aMachineTokenWithTheOpsRoleMayReadButNotClaimDecideOrAskForEvidence() {
        // given an open case and a client-credentials token of ops-cli with role ops
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        String machine = tokens.machine("ops-cli", List.of(Roles.OPS));

        // when the machine reads the queue and the case, then claims, decides and asks for evidence
        Api.Response queue = api.get("/api/reviews?size=1", machine);
        Api.Response view = api.get("/api/reviews/" + refundId, machine);
        Api.Response claim = api.post(claim(refundId), machine, null);
        Api.Response decide = api.post(decision(refundId), machine, "{\"approved\": true}");
        Api.Response ask = api.post("/api/reviews/" + refundId + "/evidence-request", machine,
                "{\"message\": \"Add the logs\"}");

        // then it reads, but only people decide: each action is forbidden naming the rule, and the case is untouched
        assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        for (Api.Response refused : List.of(claim, decide, ask)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.body().get("type").asString()).endsWith("/people-only");
            assertThat(refused.body().get("detail").asString()).contains("ops-cli");
        }
        assertThat(api.get("/api/reviews/" + refundId, reviewer).body().get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aCallerWithoutATokenIsUnauthenticated() {
        // when
        Api.Response anonymous = api.get("/api/reviews", null);

        // then
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isProblem()).isTrue();
    }

    @Test
    void healthIsPublicAndUp() {
        // when
        Api.Response health = api.get("/actuator/health", null);

        // then
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }

    /**
     * A quality claim with evidence on a 3650.00 server paid 9.5 days ago (355 whole days unused, whatever second
     * the request is made in): above the small-claim threshold, so a person decides.
     */
    private static String claim(String refundId) {
        return "/api/reviews/" + refundId + "/claim";
    }

    private static String decision(String refundId) {
        return "/api/reviews/" + refundId + "/decision";
    }
}
