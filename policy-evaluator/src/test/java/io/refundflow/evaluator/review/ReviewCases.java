package io.refundflow.evaluator.review;

import static io.refundflow.evaluator.Fixtures.SOURCE;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.Fixtures;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The cases the review tests start from: a server claim with evidence, which the policy sends to a person. */
final class ReviewCases {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ReviewCases() {
    }

    /** Publishes a server order and a claim on it, and waits until the policy has sent it to manual review. */
    static String serverClaimInReview(KafkaTestClient kafka, Clock clock, Ground ground) {
        String orderId = id("o");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.server(orderId, "c-1", daysAgo(9.5)), clock));
        kafka.publish(EventEnvelope.of(SOURCE,
                Fixtures.request(refundId, orderId, "c-1", ground, List.of(Fixtures.screenshot())), clock));
        assertThat(kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT).get(0).data())
                .isInstanceOf(ManualReviewRequired.class);
        return refundId;
    }
}
