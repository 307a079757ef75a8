package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.OutboxRows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * A reviewer asks the customer for more evidence: the case awaits it and shows what is missing and until when;
 * the customer adds files to the same request, which resumes the review and tells the review step of the files.
 */
@IntakeTest
class EvidenceRequestTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MESSAGE = "Please add the server's usage records for November";
    private static final byte[] USAGE = "day,cpu\n1,0.5\n".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    private Api api;
    private String token;
    private CaseFlow flow;
    private CaseFlow.Submitted submitted;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @BeforeEach
    void aCaseUnderReviewOfACustomerWhoReadsChinese() {
        api = new Api(port);
        String owner = "c-evidence-" + UUID.randomUUID();
        token = tokens.customer(owner);
        flow = new CaseFlow(api, token, kafka);
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, owner, "zh");
        submitted = flow.submitted(order);
        flow.underReview(submitted);
    }

    @Test
    void anEvidenceRequestShowsTheReviewersMessageAndTheDeadlineOnTheCase() {
        // given
        Instant answerBy = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);

        // when
        JsonNode awaiting = flow.evidenceRequested(submitted, MESSAGE, answerBy);

        // then the case shows what is missing and until when
        assertThat(awaiting.get("evidenceRequest").get("message").asString()).isEqualTo(MESSAGE);
        assertThat(Instant.parse(awaiting.get("evidenceRequest").get("answerBy").asString())).isEqualTo(answerBy);
        assertThat(awaiting.get("resubmittable").asBoolean()).isFalse();
        JsonNode reviewed = CaseFlow.step(awaiting, "REVIEWED");
        assertThat(reviewed.get("outcome").asString()).isEqualTo("AWAITING_EVIDENCE");
        assertThat(reviewed.get("reason").asString()).as("in the customer's language").isEqualTo("审核人员需要更多证据");
        assertThat(reviewed.get("remedy").asString()).isEqualTo(MESSAGE);
        // and the request stays open: it is not decided yet
        assertThat(submissionIsOpen()).isTrue();
    }

    @Test
    void theOwnersFilesResumeTheReviewAndArePublishedAsEvidenceAdded() {
        // given
        flow.evidenceRequested(submitted, MESSAGE, Instant.now().plus(Duration.ofDays(7)));

        // when
        Api.Response response = api.postMultipart(token, Api.newKey(), Api.evidencePath(submitted.caseId()), null,
                List.of(new Api.FilePart("evidence", "screenshot.png", "image/png", Fixtures.PNG),
                        new Api.FilePart("evidence", "usage.csv", "text/csv", USAGE)));

        // then the case is back under review, for the same refund, without the request
        assertThat(response.status()).isEqualTo(202);
        JsonNode resumed = response.json();
        assertThat(resumed.get("status").asString()).isEqualTo("UNDER_REVIEW");
        assertThat(resumed.get("refundId").asString()).isEqualTo(submitted.refundId());
        assertThat(resumed.get("evidenceRequest").isNull()).isTrue();
        assertThat(resumed.get("history")).filteredOn(step -> "EVIDENCE_ADDED".equals(step.get("step").asString()))
                .singleElement().satisfies(step -> assertThat(step.get("detail").asString())
                        .isEqualTo("screenshot.png, usage.csv"));
        // and the review step is told of the files, keyed by the refund
        List<EvidenceAdded> events = evidenceAddedEvents();
        assertThat(events).hasSize(1);
        EvidenceAdded added = events.get(0);
        assertThat(added.caseNumber()).isEqualTo(submitted.caseNumber());
        assertThat(added.orderId()).isEqualTo(submitted.orderId());
        assertThat(added.evidence()).containsExactly(
                new Evidence("screenshot.png", "image/png", Fixtures.PNG.length, sha256(Fixtures.PNG)),
                new Evidence("usage.csv", "text/csv", USAGE.length, sha256(USAGE)));
        // and the new file is served like a submission's
        Api.Download file = api.download(tokens.ops("ops-1"),
                "/api/refunds/" + submitted.refundId() + "/evidence/" + sha256(USAGE));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(USAGE);
    }

    @Test
    void filesForACaseThatDoesNotAwaitEvidenceAreAConflictNamingItsStatusAndNothingIsStored() {
        // when the case is under review and nobody asked for evidence
        Api.Response response = api.postMultipart(token, Api.newKey(), Api.evidencePath(submitted.caseId()), null,
                List.of(new Api.FilePart("evidence", "usage.csv", "text/csv", USAGE)));

        // then
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).endsWith("/not-awaiting-evidence");
        assertThat(response.json().get("detail").asString()).contains("UNDER_REVIEW");
        assertThat(filesOfTheRefund()).isZero();
        assertThat(requestsOfTheRefund().stream().map(EventEnvelope::data)).noneMatch(EvidenceAdded.class::isInstance);
    }

    @Test
    void anotherCustomersFilesAreNotFoundAndNothingIsStored() {
        // given
        flow.evidenceRequested(submitted, MESSAGE, Instant.now().plus(Duration.ofDays(7)));

        // when
        Api.Response response = api.postMultipart(tokens.customer("c-other-" + UUID.randomUUID()), Api.newKey(),
                Api.evidencePath(submitted.caseId()), null,
                List.of(new Api.FilePart("evidence", "usage.csv", "text/csv", USAGE)));

        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(filesOfTheRefund()).isZero();
        assertThat(api.get(token, "/api/cases/" + submitted.caseId()).json().get("status").asString())
                .isEqualTo("AWAITING_EVIDENCE");
    }

    @Test
    void anAgentMayAddFilesForTheCustomer() {
        // given
        flow.evidenceRequested(submitted, MESSAGE, Instant.now().plus(Duration.ofDays(7)));

        // when
        Api.Response response = api.postMultipart(tokens.agent("agent-1"), Api.newKey(),
                Api.evidencePath(submitted.caseId()), null,
                List.of(new Api.FilePart("evidence", "usage.csv", "text/csv", USAGE)));

        // then
        assertThat(response.status()).isEqualTo(202);
        assertThat(filesOfTheRefund()).isOne();
    }

    @Test
    void anUploadWithoutFilesIsABadRequestNamingTheFieldEvidence() {
        // given
        flow.evidenceRequested(submitted, MESSAGE, Instant.now().plus(Duration.ofDays(7)));

        // when
        Api.Response response = api.postMultipart(token, Api.newKey(), Api.evidencePath(submitted.caseId()), null,
                List.of());

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("evidence");
        assertThat(api.get(token, "/api/cases/" + submitted.caseId()).json().get("status").asString())
                .isEqualTo("AWAITING_EVIDENCE");
    }

    @Test
    void aRetriedUploadWithTheSameKeyIsReplayedAndAddsTheFilesOnce() {
        // given
        flow.evidenceRequested(submitted, MESSAGE, Instant.now().plus(Duration.ofDays(7)));
        String key = Api.newKey();
        List<Api.FilePart> files = List.of(new Api.FilePart("evidence", "usage.csv", "text/csv", USAGE));

        // when
        Api.Response first = api.postMultipart(token, key, Api.evidencePath(submitted.caseId()), null, files);
        Api.Response retry = api.postMultipart(token, key, Api.evidencePath(submitted.caseId()), null, files);

        // then
        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(filesOfTheRefund()).isOne();
        assertThat(evidenceAddedEvents()).hasSize(1);
    }

    @Test
    void anUploadWithoutAnIdempotencyKeyIsRefused() {
        // given
        flow.evidenceRequested(submitted, MESSAGE, Instant.now().plus(Duration.ofDays(7)));

        // when
        Api.Response response = api.postMultipart(token, null, Api.evidencePath(submitted.caseId()), null,
                List.of(new Api.FilePart("evidence", "usage.csv", "text/csv", USAGE)));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(filesOfTheRefund()).isZero();
    }

    @Test
    void noAnswerByTheDeadlineEndsTheWaitWithTheReviewersRejection() {
        // given
        flow.evidenceRequested(submitted, MESSAGE, Instant.now().plus(Duration.ofDays(7)));

        // when the review step rejects the request for want of evidence
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundReviewed(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), new Recipient("c-1", "c-1@example.com", "zh"),
                CaseFlow.CLOCK.instant(), "2026.11", "manual-review", "EVIDENCE_NOT_PROVIDED",
                new LocalizedText("The evidence asked for was not provided", "未提供所需证据")), false, null,
                "policy-evaluator", null, false), CaseFlow.CLOCK));
        JsonNode rejected = flow.awaitCase(submitted.caseId(), c -> "REJECTED".equals(c.get("status").asString()));

        // then the request is decided and nothing is awaited any more
        assertThat(rejected.get("evidenceRequest").isNull()).isTrue();
        assertThat(submissionIsOpen()).isFalse();
        assertThat(api.postMultipart(token, Api.newKey(), Api.evidencePath(submitted.caseId()), null,
                List.of(new Api.FilePart("evidence", "usage.csv", "text/csv", USAGE))).status()).isEqualTo(409);
    }

    private List<EvidenceAdded> evidenceAddedEvents() {
        List<EventEnvelope<?>> events = requestsOfTheRefund();
        assertThat(events).filteredOn(event -> event.data() instanceof EvidenceAdded)
                .allSatisfy(event -> assertThat(event.source()).isEqualTo("refund-intake"));
        return events.stream().map(EventEnvelope::data).filter(EvidenceAdded.class::isInstance)
                .map(EvidenceAdded.class::cast).toList();
    }

    /** Every event of the refund on refund.requests, read to the topic's end once the outbox sent all it held. */
    private List<EventEnvelope<?>> requestsOfTheRefund() {
        OutboxRows.awaitRelayed(jdbc, submitted.refundId(), WAIT);
        return kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(submitted.refundId()), WAIT).stream()
                .map(kafka::decode).toList();
    }

    private int filesOfTheRefund() {
        return jdbc.queryForObject("select count(*) from evidence where refund_id = ?", Integer.class,
                submitted.refundId());
    }

    private boolean submissionIsOpen() {
        return jdbc.queryForObject("select open from submission where refund_id = ?", Boolean.class,
                submitted.refundId());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
