package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EventType;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.OutboxRows;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A review past its due time is escalated to the ops mailbox; the customer's case shows nothing of it, and
 * intake consumes the escalation (and the notifier's report of the ops email) without holding or dead-lettering it.
 */
@IntakeTest
class ReviewOverdueTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Recipient OPS = new Recipient("refund-ops", "refund-ops@refundflow.invalid", "en");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    private Api api;
    private String token;
    private CaseFlow.Submitted submitted;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @BeforeEach
    void aCaseUnderReview() {
        api = new Api(port);
        String owner = "c-overdue-" + UUID.randomUUID();
        token = tokens.customer(owner);
        CaseFlow flow = new CaseFlow(api, token, kafka);
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, owner, "en");
        submitted = flow.submitted(order);
        flow.underReview(submitted);
    }

    @Test
    void anOverdueReviewLeavesTheCustomersCaseAsItWasAndIsNotDeadLettered() {
        // given the case as the customer sees it under review
        JsonNode before = caseView();

        // when the evaluator escalates its review to the ops mailbox
        EventEnvelope<ReviewOverdue> overdue = EventEnvelope.of("policy-evaluator", overdue("CLAIMED", "ops-1"),
                CaseFlow.CLOCK);
        kafka.publish(overdue);

        // then intake consumes it (processed, not held) ...
        await().atMost(TIMEOUT).until(() -> processed(overdue.id()));
        assertThat(parked()).isZero();
        // ... and the case, its timeline and history are exactly as before, with nothing in the ledger
        JsonNode after = caseView();
        assertThat(after.get("status").asString()).isEqualTo("UNDER_REVIEW");
        assertThat(after.get("timeline")).isEqualTo(before.get("timeline"));
        assertThat(after.get("history")).isEqualTo(before.get("history"));
        assertThat(after).isEqualTo(before);
        assertThat(ledgerRows()).isZero();
        // and nothing went to the dead letters (intake writes its own through the outbox)
        OutboxRows.awaitRelayed(jdbc, submitted.refundId(), TIMEOUT);
        assertThat(kafka.readToEnd(Topics.deadLetter(Topics.DECISIONS), KafkaTestClient.withKey(submitted.refundId()),
                TIMEOUT)).isEmpty();
    }

    @Test
    void theOpsEmailAboutAnOverdueReviewIsNotShownToTheCustomerAsANotification() {
        // given an overdue review, consumed
        EventEnvelope<ReviewOverdue> overdue = EventEnvelope.of("policy-evaluator", overdue("OPEN", null),
                CaseFlow.CLOCK);
        kafka.publish(overdue);
        await().atMost(TIMEOUT).until(() -> processed(overdue.id()));
        JsonNode before = caseView();

        // when the notifier reports that it emailed the ops mailbox about it
        EventEnvelope<RefundNotified> sent = EventEnvelope.of("notifier", new RefundNotified(submitted.refundId(),
                overdue.id(), EventType.REVIEW_OVERDUE.ceType(), NotificationStatus.SENT, "EMAIL",
                CaseFlow.CLOCK.instant(), null), CaseFlow.CLOCK);
        kafka.publish(sent);

        // then the customer is not told "we sent you the result": the NOTIFIED step stays pending
        await().atMost(TIMEOUT).until(() -> processed(sent.id()));
        JsonNode after = caseView();
        assertThat(CaseFlow.step(after, "NOTIFIED").get("done").asBoolean()).isFalse();
        assertThat(after).isEqualTo(before);
        assertThat(parked()).isZero();
    }

    private ReviewOverdue overdue(String status, String claimedBy) {
        Instant now = CaseFlow.CLOCK.instant();
        return new ReviewOverdue(
                new DecisionHeader(submitted.refundId(), submitted.caseNumber(), submitted.orderId(), OPS, now,
                "2026.11", "server-claim", "REVIEW_OVERDUE",
                new LocalizedText("This manual review is past its due time", "该人工审核已超过处理期限")),
                now.minus(Duration.ofHours(49)), now.minus(Duration.ofHours(1)), status, claimedBy);
    }

    private JsonNode caseView() {
        return api.get(token, "/api/cases/" + submitted.caseId()).json();
    }

    private boolean processed(String eventId) {
        return jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class,
                eventId) == 1;
    }

    private int parked() {
        return jdbc.queryForObject("select count(*) from parked_event where refund_id = ?", Integer.class,
                submitted.refundId());
    }

    private int ledgerRows() {
        return jdbc.queryForObject("select count(*) from order_refund where refund_id = ?", Integer.class,
                submitted.refundId());
    }
}
