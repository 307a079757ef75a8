package io.refundflow.peer.operaton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnDecisionResultEntries;
import org.operaton.bpm.dmn.engine.DmnEngine;
import org.operaton.bpm.dmn.engine.DmnEngineConfiguration;

/**
 * The decision table decides every kind of refund the benchmark drives (refund-benchmark's Scenario) as
 * refundflow's policy does: same outcome, same amount. The facts of each row are those of the scenario.
 */
class RefundPolicyTableTest {

    private static final long DAY = 86_400;
    private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final DmnDecision TABLE = parse();

    @ParameterizedTest(name = "{0} is decided {8} with {9} refunded")
    @CsvSource(nullValues = "null", textBlock = """
            # scenario,     request,  product,         billing,       service,     image,   ground,      days, outcome,       refund
            SAAS,            REFUND,   SAAS,            SUBSCRIPTION,  null,        null,    UNSATISFIED, 1,    APPROVE,       199.00
            SERVICE,         REFUND,   SERVICE,         SUBSCRIPTION,  IN_PROGRESS, null,    UNSATISFIED, 20,   APPROVE,       2400.00
            IMAGE,           REFUND,   IMAGE,           SUBSCRIPTION,  null,        UNUSED,  UNSATISFIED, 2,    APPROVE,       88.00
            API_OR_DOWNLOAD, REFUND,   API_OR_DOWNLOAD, SUBSCRIPTION,  null,        null,    UNSATISFIED, 1,    REJECT,        0
            SERVER,          REFUND,   SERVER,          PAY_AS_YOU_GO, null,        null,    UNSATISFIED, 10,   REJECT,        0
            SAAS_LATE,       REFUND,   SAAS,            SUBSCRIPTION,  null,        null,    UNSATISFIED, 9,    REJECT,        0
            IMAGE_IN_USE,    REFUND,   IMAGE,           SUBSCRIPTION,  null,        IN_USE,  UNSATISFIED, 2,    REJECT,        0
            EXCHANGE,        EXCHANGE, SAAS,            SUBSCRIPTION,  null,        null,    UNSATISFIED, 1,    MANUAL_REVIEW, 0
            """)
    void eachScenarioOfTheBenchmarkIsDecidedAsThePolicyDecidesIt(String scenario, String requestKind,
            String productKind, String billingMode, String serviceStatus, String imageUsage, String ground, long days,
            String outcome, double refund) {
        Map<String, Object> facts = facts(requestKind, productKind, billingMode, serviceStatus, imageUsage, ground,
                days * DAY, paidFor(productKind));

        DmnDecisionResultEntries decision = ENGINE.evaluateDecision(TABLE, facts).getSingleResult();

        assertThat((String) decision.getEntry("outcome")).as(scenario).isEqualTo(outcome);
        assertThat((Double) decision.getEntry("refund")).as(scenario).isEqualTo(refund);
    }

    @ParameterizedTest(name = "SaaS paid {0} s before the request is decided {1}")
    @CsvSource({"432000, APPROVE", "432001, REJECT"})
    void theGuaranteeEndsExactlyFiveTimesTwentyFourHoursAfterPayment(long secondsSincePaid, String outcome) {
        Map<String, Object> facts = facts("REFUND", "SAAS", "SUBSCRIPTION", null, null, "UNSATISFIED",
                secondsSincePaid, 199.0);

        DmnDecisionResultEntries decision = ENGINE.evaluateDecision(TABLE, facts).getSingleResult();

        assertThat((String) decision.getEntry("outcome")).isEqualTo(outcome);
    }

    private static double paidFor(String productKind) {
        return switch (productKind) {
            case "SERVICE" -> 2400.0;
            case "IMAGE" -> 88.0;
            case "API_OR_DOWNLOAD" -> 49.0;
            case "SERVER" -> 35.0;
            default -> 199.0;
        };
    }

    private static Map<String, Object> facts(String requestKind, String productKind, String billingMode,
            String serviceStatus, String imageUsage, String ground, long secondsSincePaid, double paid) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("requestKind", requestKind);
        facts.put("productKind", productKind);
        facts.put("billingMode", billingMode);
        facts.put("serviceStatus", serviceStatus);
        facts.put("imageUsage", imageUsage);
        facts.put("ground", ground);
        facts.put("secondsSincePaid", secondsSincePaid);
        facts.put("paidAmount", paid);
        facts.put("refundedAmount", 0.0);
        return facts;
    }

    private static DmnDecision parse() {
        try (InputStream dmn = RefundPolicyTableTest.class.getResourceAsStream("/refund-policy.dmn")) {
            return ENGINE.parseDecision("refundPolicy", dmn);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
