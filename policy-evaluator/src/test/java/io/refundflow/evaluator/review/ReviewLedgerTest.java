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
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundRequested;
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
 * A reviewer's approval is capped again, when it is made, at what the order's ledger has left, and reserves its
 * amount; the case shows the ledger.
 */
@EvaluatorTest
class ReviewLedgerTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    /** Paid 10.5 days ago on a one-year term: 354 of 365 days unused. */
    static final double PAID_DAYS_AGO = 10.5;

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
        reviewer = tokens.ops("ops-ledger");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aProRatedClaimApprovedByAReviewerLeavesOnlyTheRestForTheNextClaim() {
        // given a 3650.00 server whose evidenced quality claim the policy sends to review, proposing 3540.00
        String orderId = id("o");
        String first = id("r");
        publish(Fixtures.server(orderId, "c-1", daysAgo(PAID_DAYS_AGO)));
        publish(claim(first, orderId, true));
        assertThat(((ManualReviewRequired) decision(first)).proposedAmount()).isEqualTo(cny("3540.00"));
        api.post(claimPath(first), reviewer, null);

        // when the reviewer approves the proposal, and then a second claim comes in on the same order
        Api.Response approved = api.post(decisionPath(first), reviewer, "{\"approved\": true}");
        String second = id("r");
        publish(claim(second, orderId, true));

        // then the second claim gets only what is left (110.00, a small claim the policy approves at once)
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.body().get("amount").get("amount").asString()).isEqualTo("3540.00");
        RefundApproved next = (RefundApproved) decision(second);
        assertThat(next.refundAmount()).isEqualTo(cny("110.00"));
        assertThat(entries(jdbc, orderId)).extracting(Row::refundId, Row::state, Row::amount).containsExactlyInAnyOrder(
                tuple(first, "RESERVED", new BigDecimal("3540.00")),
                tuple(second, "RESERVED", new BigDecimal("110.00")));
    }

    @Test
    void anApprovalWithoutAmountIsCappedAtWhatIsLeftWhenTheReviewerApproves() {
        // given a 150.00 server: a claim without evidence waits for review (proposal 145.48), then an evidenced
        // claim is approved automatically for the same 145.48
        String orderId = id("o");
        String reviewed = id("r");
        String automatic = id("r");
        publish(Fixtures.server(orderId, "c-1", daysAgo(PAID_DAYS_AGO), cny("150.00")));
        publish(claim(reviewed, orderId, false));
        assertThat(((ManualReviewRequired) decision(reviewed)).proposedAmount()).isEqualTo(cny("145.48"));
        customerAddsTheEvidenceAskedFor(reviewed, orderId);
        publish(claim(automatic, orderId, true));
        assertThat(((RefundApproved) decision(automatic)).refundAmount()).isEqualTo(cny("145.48"));
        api.post(claimPath(reviewed), reviewer, null);

        // when the reviewer approves the proposal
        Api.Response approved = api.post(decisionPath(reviewed), reviewer, "{\"approved\": true}");

        // then only the 4.52 left is refunded
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        RefundReviewed event = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, reviewed, 3, WAIT).get(2).data();
        assertThat(event.refundAmount()).isEqualTo(cny("4.52"));
        assertThat(entries(jdbc, orderId)).extracting(Row::amount)
                .containsExactlyInAnyOrder(new BigDecimal("145.48"), new BigDecimal("4.52"));
    }

    @Test
    void anAmountAboveWhatIsLeftIsRefusedWithTheOrdersFigures() {
        // given a review case on a 150.00 server of which 145.48 is already reserved
        String orderId = id("o");
        String reviewed = reviewCaseAfterAutomaticApproval(orderId);

        // when the reviewer approves 10.00
        Api.Response refused = api.post(decisionPath(reviewed), reviewer,
                "{\"approved\": true, \"amount\": {\"amount\": \"10.00\", \"currency\": \"CNY\"}}");

        // then it is refused naming the field and the money, and nothing more is reserved
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("amount.amount");
        assertThat(refused.body().get("detail").asString()).contains("paid 150.00 CNY").contains("settled 0.00 CNY")
                .contains("reserved 145.48 CNY").contains("refundable 4.52 CNY");
        assertThat(entries(jdbc, orderId)).hasSize(1);
        assertThat(api.get("/api/reviews/" + reviewed, reviewer).body().get("status").asString())
                .isEqualTo("CLAIMED");
    }

    @Test
    void anApprovalWithNothingLeftIsAConflictNamingTheProblem() {
        // given a review case on a 150.00 server whose whole amount other claims have taken meanwhile
        String orderId = id("o");
        String reviewed = reviewCaseAfterAutomaticApproval(orderId);
        String rest = id("r");
        publish(claim(rest, orderId, true));
        assertThat(((RefundApproved) decision(rest)).refundAmount()).isEqualTo(cny("4.52"));

        // when the reviewer approves
        Api.Response refused = api.post(decisionPath(reviewed), reviewer, "{\"approved\": true}");

        // then
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.body().get("type").asString()).endsWith("/nothing-left-to-refund");
        assertThat(refused.body().get("detail").asString()).contains(orderId).contains("refundable 0.00 CNY");
        assertThat(entries(jdbc, orderId)).hasSize(2);
    }

    @Test
    void theCaseShowsTheOrdersLedgerAndWhatTheDecisionCountedAsRefunded() {
        // given a review case on a 150.00 server of which 145.48 was reserved after the case opened
        String orderId = id("o");
        String reviewed = reviewCaseAfterAutomaticApproval(orderId);

        // when the reviewer opens the case
        Api.Response view = api.get("/api/reviews/" + reviewed, reviewer);

        // then
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        JsonNode ledger = view.body().get("ledger");
        assertThat(ledger.get("paid").get("amount").asString()).isEqualTo("150.00");
        assertThat(ledger.get("settled").get("amount").asString()).isEqualTo("0.00");
        assertThat(ledger.get("reserved").get("amount").asString()).isEqualTo("145.48");
        assertThat(ledger.get("outside").get("amount").asString()).isEqualTo("0.00");
        assertThat(ledger.get("refundable").get("amount").asString()).isEqualTo("4.52");
        assertThat(ledger.get("entries").get(0).get("state").asString()).isEqualTo("RESERVED");
        assertThat(ledger.get("entries").get(0).get("origin").asString()).isEqualTo("SYSTEM");
        assertThat(view.body().get("refundable").get("amount").asString()).isEqualTo("4.52");
        assertThat(view.body().get("decision").get("alreadyRefunded").get("amount").asString()).isEqualTo("0.00");
    }

    /** A 150.00 server: a claim without evidence in review (claimed), then an evidenced one approved for 145.48. */
    private String reviewCaseAfterAutomaticApproval(String orderId) {
        String reviewed = id("r");
        String automatic = id("r");
        publish(Fixtures.server(orderId, "c-1", daysAgo(PAID_DAYS_AGO), cny("150.00")));
        publish(claim(reviewed, orderId, false));
        assertThat(decision(reviewed)).isInstanceOf(ManualReviewRequired.class);
        customerAddsTheEvidenceAskedFor(reviewed, orderId);
        publish(claim(automatic, orderId, true));
        assertThat(((RefundApproved) decision(automatic)).refundAmount()).isEqualTo(cny("145.48"));
        assertThat(api.post(claimPath(reviewed), reviewer, null).status()).isEqualTo(200);
        return reviewed;
    }

    private static RefundRequested claim(String refundId, String orderId, boolean evidence) {
        return Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE,
                evidence ? List.of(Fixtures.screenshot()) : List.of());
    }

    /** A claim without evidence waits for it (the policy asks at once); the file returns it to the queue. */
    private void customerAddsTheEvidenceAskedFor(String refundId, String orderId) {
        publish(Fixtures.evidenceAdded(refundId, orderId));
        Fixtures.awaitReviewOpen(jdbc, refundId);
    }

    private void publish(Object payload) {
        kafka.publish(EventEnvelope.of(Fixtures.sourceOf(payload), payload, clock));
    }

    private static Object decision(String refundId) {
        return kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT).get(0).data();
    }

    private static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    private static String claimPath(String refundId) {
        return "/api/reviews/" + refundId + "/claim";
    }

    private static String decisionPath(String refundId) {
        return "/api/reviews/" + refundId + "/decision";
    }
}
