package io.refundflow.evaluator.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.LedgerRows;
import io.refundflow.evaluator.decide.Decisions;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.events.Topics;
import io.refundflow.platform.ops.OpsMailbox;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A review past its due time undecided is escalated to the ops mailbox, once. The sweep runs at a shifted clock,
 * at which other tests' reviews in the shared database are overdue too: it takes only the test's own review
 * ({@link OwnReviews}), so that it neither escalates theirs nor counts them.
 */
@EvaluatorTest
class OverdueEscalationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;
    @Autowired
    DemoTokens tokens;
    @Autowired
    OverdueReviews overdue;
    @Autowired
    Decisions decisions;
    @Autowired
    ReviewEvents events;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    EvaluatorProperties properties;
    @Autowired
    OpsMailbox opsMailbox;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aReviewPastItsDueTimeIsEscalatedToTheOpsMailboxOnce() {
        // given a claimed review, 49 hours later (the shipped policy gives 48)
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        new Api(port).post("/api/reviews/" + refundId + "/claim", tokens.ops("ops-1"), null);
        OverdueEscalation escalation = escalationOf(refundId, Clock.offset(clock, Duration.ofHours(49)));

        // when the sweep runs twice
        int first = escalation.escalate();
        int again = escalation.escalate();

        // then the ops mailbox is told once, with who holds it and when it was due
        assertThat(first).isOne();
        assertThat(again).isZero();
        List<EventEnvelope<?>> published = kafka.awaitEvents(Topics.DECISIONS, refundId, 2, WAIT);
        ReviewOverdue escalated = (ReviewOverdue) published.get(1).data();
        assertThat(escalated.header().recipient()).isEqualTo(opsMailbox.recipient());
        assertThat(escalated.header().reasonCode()).isEqualTo("REVIEW_OVERDUE");
        assertThat(escalated.status()).isEqualTo("CLAIMED");
        assertThat(escalated.claimedBy()).isEqualTo("ops-1");
        assertThat(escalated.dueAt()).isEqualTo(escalated.openedAt().plus(Duration.ofHours(48)));
        LedgerRows.awaitRelayed(jdbc, refundId);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT)).hasSize(2);
    }

    @Test
    void aReviewWithinItsDueTimeIsNotEscalated() {
        // given
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);

        // when the sweep runs a day later
        int escalated = escalationOf(refundId, Clock.offset(clock, Duration.ofHours(24))).escalate();

        // then, once the outbox has sent all it holds for the refund, only the decision that opened it is there
        assertThat(escalated).isZero();
        LedgerRows.awaitRelayed(jdbc, refundId);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT)).hasSize(1);
    }

    /** The sweep at that clock, over this one refund's review only. */
    private OverdueEscalation escalationOf(String refundId, Clock at) {
        return new OverdueEscalation(new OwnReviews(jdbc, refundId), overdue, decisions, events, outbox, transactions,
                at, properties);
    }
}
