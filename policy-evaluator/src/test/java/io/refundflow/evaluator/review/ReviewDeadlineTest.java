package io.refundflow.evaluator.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.OwnSchema;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.events.Ground;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Each open review is due within the policy's time for its ground (reviewDueWithin); later it is overdue. */
@EvaluatorTest
class ReviewDeadlineTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;
    @Autowired
    DemoTokens tokens;
    @Autowired
    PolicyEngine engine;
    @Autowired
    Flyway flyway;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anOpenReviewIsDueTheGroundsTimeAfterItOpened() {
        // given a quality claim sent to manual review (the shipped policy: default PT48H)
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);

        // when
        JsonNode view = new Api(port).get("/api/reviews/" + refundId, tokens.ops("ops-1")).body();

        // then
        Instant openedAt = Instant.parse(view.get("openedAt").asString());
        assertThat(Instant.parse(view.get("deadline").get("dueAt").asString()))
                .isEqualTo(openedAt.plus(Duration.ofHours(48)));
        assertThat(view.get("deadline").get("overdue").asBoolean()).isFalse();
    }

    @Test
    void aForceMajeureClaimHasTheLongerTimeItsGroundIsGiven() {
        // given (the shipped policy: FORCE_MAJEURE PT96H)
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.FORCE_MAJEURE);

        // when
        JsonNode view = new Api(port).get("/api/reviews/" + refundId, tokens.ops("ops-1")).body();

        // then
        assertThat(Instant.parse(view.get("deadline").get("dueAt").asString()))
                .isEqualTo(Instant.parse(view.get("openedAt").asString()).plus(Duration.ofHours(96)));
    }

    @Test
    void aReviewIsCountedOverdueFromTheFirstMomentPastItsDueTime() {
        // given a quality claim sent to manual review (the shipped policy: due 48 hours after it opened), alone in a
        // schema of the test's own: the count is over every review, and the module's schema holds other tests'
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        JsonNode view = new Api(port).get("/api/reviews/" + refundId, tokens.ops("ops-1")).body();
        Instant dueAt = Instant.parse(view.get("openedAt").asString()).plus(Duration.ofHours(48));
        try (OwnSchema schema = OwnSchema.migratedLike(flyway)) {
            schema.copy(refundId, "refund_request", "decision", "manual_review");
            OverdueReviews overdue = new OverdueReviews(new ManualReviews(schema.jdbc()), engine, clock,
                    new SimpleMeterRegistry());

            // when the overdue reviews are counted at its due time and one microsecond (the database's tick) later
            long atDueTime = overdue.at(dueAt);
            long justPast = overdue.at(dueAt.plus(1, ChronoUnit.MICROS));

            // then it is not overdue at its due time, and is the first moment after
            assertThat(atDueTime).isZero();
            assertThat(justPast).isOne();
        }
    }
}
