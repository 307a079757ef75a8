package io.refundflow.evaluator.tryout;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.PolicyTexts;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dry-run JSON contract: a body in, the policy's answer out, in the documented shape. */
class DryRunJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final PolicyEngine engine = PolicyEngine.bundled();

    @Test
    void aBodyRoundTripsToAnAnswerInTheDocumentedShape() {
        // given
        DryRunBody body = json.readValue(body("SAAS", "SUBSCRIPTION", "null", "null", "UNSATISFIED", 0),
                DryRunBody.class);

        // when
        JsonNode answer = json.valueToTree(DryRunMapping.evaluate(engine, body));

        // then
        assertThat(answer).isEqualTo(json.readTree("""
                {"outcome": "APPROVED",
                 "refundAmount": {"amount": "100.00", "currency": "CNY"},
                 "ruleId": "saas.guarantee.inside",
                 "policyVersion": "%s",
                 "reasonCode": "GUARANTEE_FULL_REFUND",
                 "reason": {"en": "You applied within the guarantee period, so your payment is refunded in full.",
                            "zh": "您在交易担保期内提出申请，款项将全额退还。"},
                 "remedy": null}
                """.formatted(PolicyTexts.bundledVersion())));
        assertThat(json.writeValueAsString(answer)).startsWith("{\"outcome\":\"APPROVED\",\"refundAmount\":");
    }

    @Test
    void anAnswerReadsBackIntoTheSameRecord() {
        // given
        DryRunAnswer answer = DryRunMapping.evaluate(engine,
                json.readValue(body("IMAGE", "SUBSCRIPTION", "null", "\"IN_USE\"", "UNSATISFIED", 0),
                        DryRunBody.class));

        // when
        DryRunAnswer readBack = json.readValue(json.writeValueAsString(answer), DryRunAnswer.class);

        // then
        assertThat(readBack).isEqualTo(answer);
        assertThat(readBack.outcome()).isEqualTo(DryRunAnswer.Outcome.REJECTED);
        assertThat(readBack.refundAmount()).isNull();
        assertThat(readBack.remedy()).isNotNull();
    }

    @Test
    void aManualReviewAnswerCarriesTheProposedAmountAsRefundAmount() {
        // given
        DryRunBody body = json.readValue(body("SERVER", "SUBSCRIPTION", "null", "null", "QUALITY_ISSUE", 0),
                DryRunBody.class);

        // when
        DryRunAnswer answer = DryRunMapping.evaluate(engine, body);

        // then: paid 100.00 for 365 days, claimed after 2 days -> 363 unused days
        assertThat(answer.outcome()).isEqualTo(DryRunAnswer.Outcome.MANUAL_REVIEW);
        assertThat(answer.reasonCode()).isEqualTo("EVIDENCE_MISSING");
        assertThat(answer.refundAmount()).isEqualTo(Money.of("99.45", "CNY"));
    }

    @Test
    void aRejectionWithRemedySerialisesTheRemedyInBothLanguages() {
        // given
        DryRunBody body = json.readValue(body("IMAGE", "SUBSCRIPTION", "null", "\"IN_USE\"", "UNSATISFIED", 0),
                DryRunBody.class);

        // when
        JsonNode answer = json.valueToTree(DryRunMapping.evaluate(engine, body));

        // then
        assertThat(answer.get("refundAmount").isNull()).isTrue();
        assertThat(json.treeToValue(answer.get("remedy"), LocalizedText.class).en())
                .isEqualTo("Stop the server or change its operating system (back up first), then apply again.");
    }

    static String body(String productKind, String billingMode, String serviceStatus, String imageUsage,
            String ground, int evidenceCount) {
        return """
                {"order": {"orderId": "o-1", "customerId": "c-1", "productKind": "%s", "billingMode": "%s",
                           "paidAmount": {"amount": "100.00", "currency": "CNY"},
                           "paidAt": "2026-11-01T08:00:00Z", "termStart": "2026-11-01T08:00:00Z",
                           "termEnd": "2027-11-01T08:00:00Z", "serviceStatus": %s, "imageUsage": %s,
                           "alreadyRefunded": {"amount": "0.00", "currency": "CNY"}},
                 "request": {"ground": "%s", "kind": "REFUND", "submittedAt": "2026-11-03T08:00:00Z",
                             "evidenceCount": %d}}
                """.formatted(productKind, billingMode, serviceStatus, imageUsage, ground, evidenceCount);
    }
}
