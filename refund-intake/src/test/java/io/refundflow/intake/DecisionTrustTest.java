package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundRejected;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A decision changes a case only when it is about the case's refund on the case's order. */
@IntakeTest
class DecisionTrustTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    CaseFlow flow;

    @BeforeEach
    void client() {
        flow = new CaseFlow(new Api(port), tokens.customer("c-1"), kafka);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aDecisionNamingTheRefundOnAnotherOrderIsIgnored() {
        // given a submitted case
        CaseFlow.Submitted submitted = flow.submitted(Fixtures.publishOrder(kafka, jdbc, "c-1", "en"));
        Recipient recipient = new Recipient("c-1", "c-1@example.com", "en");

        // when a forged rejection (claiming the evaluator as its source) names its refund on another order,
        // then the genuine approval arrives (same refund id: same partition, read in this order)
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundRejected(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), Fixtures.orderId(), recipient, CaseFlow.CLOCK.instant(), "2026.11", "forged",
                "FORGED", new LocalizedText("forged", "伪造")), null), CaseFlow.CLOCK));
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundApproved(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), recipient, CaseFlow.CLOCK.instant(), "2026.11",
                "saas-guarantee", "WITHIN_GUARANTEE", CaseFlow.REASON), Money.of("199.00", "CNY")), CaseFlow.CLOCK));

        // then only the genuine one shows, anywhere in the case
        JsonNode approved = flow.awaitCase(submitted.caseId(), c -> "APPROVED".equals(c.get("status").asString()));
        assertThat(approved.get("history")).extracting(step -> step.get("outcome").asString(null))
                .doesNotContain("REJECTED");
        assertThat(approved.get("resubmittable").asBoolean()).isFalse();
    }
}
