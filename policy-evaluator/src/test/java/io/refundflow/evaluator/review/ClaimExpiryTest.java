package io.refundflow.evaluator.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.events.Ground;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A claim left without a decision for the configured time lets the case go back to the queue. */
@EvaluatorTest
class ClaimExpiryTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;
    @Autowired
    DemoTokens tokens;
    @Autowired
    ManualReviews reviews;
    @Autowired
    EvaluatorProperties properties;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aClaimOlderThanTheExpiryReturnsTheCaseToTheQueueForAnotherReviewer() {
        // given a case claimed by ops-1
        Api api = new Api(port);
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        assertThat(api.post(claim(refundId), tokens.ops("ops-1"), null).status()).isEqualTo(200);
        assertThat(api.post(claim(refundId), tokens.ops("ops-2"), null).status()).isEqualTo(409);

        // when the claim-expiry time has passed without a decision
        ClaimExpiry expiry = new ClaimExpiry(reviews, Clock.offset(clock, properties.claimExpiry().plusMinutes(1)),
                properties);
        List<ManualReviews.ExpiredClaim> released = expiry.releaseExpired();

        // then the claim is let go, naming who held it, and another reviewer may claim the case
        assertThat(released).filteredOn(c -> c.refundId().equals(refundId))
                .singleElement().extracting(ManualReviews.ExpiredClaim::reviewer).isEqualTo("ops-1");
        assertThat(api.get("/api/reviews/" + refundId, tokens.ops("ops-2")).body().get("status").asString())
                .isEqualTo("OPEN");
        assertThat(api.post(claim(refundId), tokens.ops("ops-2"), null).status()).isEqualTo(200);
    }

    @Test
    void aFreshClaimStays() {
        // given a case claimed now
        Api api = new Api(port);
        String refundId = ReviewCases.serverClaimInReview(kafka, clock, Ground.QUALITY_ISSUE);
        api.post(claim(refundId), tokens.ops("ops-1"), null);

        // when the sweep runs before the expiry
        new ClaimExpiry(reviews, clock, properties).releaseExpired();

        // then
        assertThat(api.get("/api/reviews/" + refundId, tokens.ops("ops-1")).body().get("claimedBy").asString())
                .isEqualTo("ops-1");
    }

    private static String claim(String refundId) {
        return "/api/reviews/" + refundId + "/claim";
    }
}
