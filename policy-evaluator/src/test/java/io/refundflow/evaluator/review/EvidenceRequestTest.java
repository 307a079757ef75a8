package io.refundflow.evaluator.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.Ground;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A reviewer asks the customer for more evidence: the case waits for the customer, resumes in its place in the
 * queue with the files refund-intake reports, and is rejected (EVIDENCE_NOT_PROVIDED) when none come in time. The
 * sweep runs at a shifted clock, at which other tests' waits in the shared database have ended too: it takes only
 * the test's own case ({@link OwnReviews}), so that it neither rejects theirs nor counts them.
 */
@EvaluatorTest
class EvidenceRequestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MESSAGE = "Please add the server's monitoring graph for 12-14 November.";
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EvidenceRequests requests;
    @Autowired
    EvaluatorProperties properties;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void askingForEvidencePublishesTheRequestToTheOrdersCustomerAndTheCaseWaits() {
        // given a case claimed by ops-1
        Api api = new Api(port);
        String refundId = claimedServerClaim(api, "ops-1");

        // when
        Api.Response asked = api.post(evidenceRequest(refundId), tokens.ops("ops-1"), message(MESSAGE));

        // then the case waits for the customer, a week by the policy, and nobody can claim or decide it
        assertThat(asked.status()).as(asked.text()).isEqualTo(200);
        assertThat(asked.body().get("status").asString()).isEqualTo("AWAITING_EVIDENCE");
        JsonNode request = asked.body().get("evidenceRequest");
        assertThat(request.get("message").asString()).isEqualTo(MESSAGE);
        assertThat(request.get("requestedBy").asString()).isEqualTo("ops-1");
        assertThat(Duration.between(Instant.parse(request.get("requestedAt").asString()),
                Instant.parse(request.get("answerBy").asString()))).isEqualTo(Duration.ofDays(7));
        EvidenceRequested event = (EvidenceRequested) kafka.awaitEvents(Topics.DECISIONS, refundId, 2, WAIT).get(1)
                .data();
        assertThat(event.message()).isEqualTo(MESSAGE);
        assertThat(event.requestedBy()).isEqualTo("ops-1");
        assertThat(event.header().reasonCode()).isEqualTo("EVIDENCE_REQUESTED");
        assertThat(event.header().recipient().customerId()).isEqualTo("c-1");
        assertThat(event.answerBy()).isEqualTo(Instant.parse(request.get("answerBy").asString()));
        Api.Response claim = api.post(claim(refundId), tokens.ops("ops-2"), null);
        assertThat(claim.status()).isEqualTo(409);
        assertThat(claim.body().get("type").asString()).endsWith("/awaiting-evidence");
    }

    @Test
    void theFilesTheCustomerAddsReturnTheCaseToItsPlaceInTheQueueAndItCanBeApproved() {
        // given an older case waiting for evidence and a younger one in the queue
        Api api = new Api(port);
        String waiting = claimedServerClaim(api, "ops-1");
        String younger = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        api.post(evidenceRequest(waiting), tokens.ops("ops-1"), message(MESSAGE));
        Instant openedAt = Instant.parse(api.get(review(waiting), tokens.ops("ops-1")).body().get("openedAt")
                .asString());
        Evidence graph = new Evidence("monitoring.png", "image/png", 4096, "c".repeat(64));

        // when refund-intake reports the customer's file
        kafka.publish(EventEnvelope.of(Fixtures.SOURCE, new EvidenceAdded(waiting, null, orderOf(api, waiting),
                List.of(graph), clock.instant()), clock));

        // then the case is back in the queue, before the younger one, with the new file linked
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get(review(waiting), tokens.ops("ops-2")).body()
                .get("status").asString()).isEqualTo("OPEN"));
        JsonNode resumed = api.get(review(waiting), tokens.ops("ops-2")).body();
        assertThat(Instant.parse(resumed.get("openedAt").asString())).isEqualTo(openedAt);
        JsonNode added = resumed.get("evidence").get(1);
        assertThat(added.get("sha256").asString()).isEqualTo(graph.sha256());
        assertThat(added.get("addedAt").isNull()).isFalse();
        assertThat(added.get("href").asString()).endsWith("/api/refunds/" + waiting + "/evidence/" + graph.sha256());
        List<String> queue = queueOf(api, Ground.QUALITY_ISSUE);
        assertThat(queue.indexOf(waiting)).isNotNegative().isLessThan(queue.indexOf(younger));
        assertThat(api.post(claim(waiting), tokens.ops("ops-2"), null).status()).isEqualTo(200);
        Api.Response approved = api.post(decision(waiting), tokens.ops("ops-2"), "{\"approved\": true}");
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(((RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, waiting, 3, WAIT).get(2).data()).approved())
                .isTrue();
    }

    @Test
    void withoutFilesByTheAnswerTimeTheRefundIsRejectedEvidenceNotProvided() {
        // given a case waiting for evidence
        Api api = new Api(port);
        String refundId = claimedServerClaim(api, "ops-1");
        api.post(evidenceRequest(refundId), tokens.ops("ops-1"), message(MESSAGE));

        // when the sweep runs after the week the policy gives the customer
        int rejected = expiryOf(refundId, Clock.offset(clock, Duration.ofDays(7).plusMinutes(1))).rejectUnanswered();

        // then the refund is rejected, and the customer is told why
        assertThat(rejected).isOne();
        RefundReviewed event = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, refundId, 3, WAIT).get(2).data();
        assertThat(event.approved()).isFalse();
        assertThat(event.header().reasonCode()).isEqualTo("EVIDENCE_NOT_PROVIDED");
        assertThat(event.header().reason().en()).contains("evidence");
        JsonNode decided = api.get(review(refundId), tokens.ops("ops-1")).body();
        assertThat(decided.get("status").asString()).isEqualTo("DECIDED");
        assertThat(decided.get("outcome").get("reasonCode").asString()).isEqualTo("EVIDENCE_NOT_PROVIDED");
    }

    @Test
    void aWaitThatHasNotEndedStays() {
        // given
        Api api = new Api(port);
        String refundId = claimedServerClaim(api, "ops-1");
        api.post(evidenceRequest(refundId), tokens.ops("ops-1"), message(MESSAGE));

        // when the sweep runs a day later
        int rejected = expiryOf(refundId, Clock.offset(clock, Duration.ofDays(1))).rejectUnanswered();

        // then
        assertThat(rejected).isZero();
        assertThat(api.get(review(refundId), tokens.ops("ops-1")).body().get("status").asString())
                .isEqualTo("AWAITING_EVIDENCE");
    }

    @Test
    void aServerClaimWithoutEvidenceAsksTheCustomerForItAtOnce() {
        // given a server order and a quality claim on it without any file (rule server.claim.evidence-missing)
        String orderId = Fixtures.id("o");
        String refundId = Fixtures.id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.server(orderId, "c-1", Fixtures.daysAgo(9.5)), clock));

        // when
        kafka.publish(EventEnvelope.of(Fixtures.SOURCE,
                Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE), clock));

        // then the review opens and the customer is asked in the policy's words, before any reviewer looks
        List<EventEnvelope<?>> published = kafka.awaitEvents(Topics.DECISIONS, refundId, 2, WAIT);
        assertThat(published.get(0).data()).isInstanceOf(ManualReviewRequired.class);
        EvidenceRequested asked = (EvidenceRequested) published.get(1).data();
        assertThat(asked.header().ruleId()).isEqualTo("server.claim.evidence-missing");
        assertThat(asked.requestedBy()).isEqualTo(properties.eventSource());
        assertThat(asked.message()).isEqualTo(((ManualReviewRequired) published.get(0).data()).header().reason().en());
        assertThat(Duration.between(asked.header().decidedAt(), asked.answerBy())).isEqualTo(Duration.ofDays(7));
        JsonNode review = new Api(port).get(review(refundId), tokens.ops("ops-1")).body();
        assertThat(review.get("status").asString()).isEqualTo("AWAITING_EVIDENCE");
    }

    @Test
    void askingWithoutAMessageIs400NamingTheMessage() {
        // given
        Api api = new Api(port);
        String refundId = claimedServerClaim(api, "ops-1");

        // when
        Api.Response refused = api.post(evidenceRequest(refundId), tokens.ops("ops-1"), message(" "));

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("message");
    }

    @Test
    void askingOnACaseOneDoesNotHoldIs409() {
        // given a case claimed by ops-1
        Api api = new Api(port);
        String refundId = claimedServerClaim(api, "ops-1");

        // when ops-2 asks
        Api.Response refused = api.post(evidenceRequest(refundId), tokens.ops("ops-2"), message(MESSAGE));

        // then
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("type").asString()).endsWith("/not-claimed-by-you");
    }

    /** The sweep at that clock, over this one refund's case only. */
    private EvidenceWaitExpiry expiryOf(String refundId, Clock at) {
        return new EvidenceWaitExpiry(new OwnReviews(jdbc, refundId), requests, at, properties);
    }

    private String claimedServerClaim(Api api, String reviewer) {
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        assertThat(api.post(claim(refundId), tokens.ops(reviewer), null).status()).isEqualTo(200);
        return refundId;
    }

    private String orderOf(Api api, String refundId) {
        return api.get(review(refundId), tokens.ops("ops-1")).body().get("request").get("orderId").asString();
    }

    private List<String> queueOf(Api api, Ground ground) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode items = api.get("/api/reviews?size=100&ground=" + ground + "&page=" + page, tokens.ops("ops-1"))
                    .body().get("items");
            if (items.isEmpty()) {
                return ids;
            }
            items.forEach(item -> ids.add(item.get("refundId").asString()));
        }
    }

    private static String message(String text) {
        return "{\"message\": \"" + text + "\"}";
    }

    private static String review(String refundId) {
        return "/api/reviews/" + refundId;
    }

    private static String claim(String refundId) {
        return review(refundId) + "/claim";
    }

    private static String evidenceRequest(String refundId) {
        return review(refundId) + "/evidence-request";
    }

    private static String decision(String refundId) {
        return review(refundId) + "/decision";
    }
}
