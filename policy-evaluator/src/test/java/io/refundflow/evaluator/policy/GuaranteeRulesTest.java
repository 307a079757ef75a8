package io.refundflow.evaluator.policy;

import static io.refundflow.evaluator.policy.Given.cny;
import static io.refundflow.evaluator.policy.Given.order;
import static io.refundflow.evaluator.policy.Given.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.ProductKind;
import io.refundflow.events.ServiceStatus;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/policy.md, "not satisfied, full refund" guarantee (seed 000), with the shipped policy file. */
class GuaranteeRulesTest {

    private final PolicyEngine engine = PolicyEngine.bundled();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # behaviour                                         | product         | billing       | service     | image  | submitted after paid | verdict | rule                                | reason code            | refund
        SaaS on the day of payment is refunded in full      | SAAS            | SUBSCRIPTION  | -           | -      | PT1H                 | APPROVE | saas.guarantee.inside               | GUARANTEE_FULL_REFUND  | 100.00
        SaaS at exactly 5 x 24 h is still inside            | SAAS            | SUBSCRIPTION  | -           | -      | PT120H               | APPROVE | saas.guarantee.inside               | GUARANTEE_FULL_REFUND  | 100.00
        SaaS one second past 5 x 24 h is outside            | SAAS            | SUBSCRIPTION  | -           | -      | PT120H1S             | REJECT  | saas.guarantee.over                 | GUARANTEE_PERIOD_OVER  | -
        SaaS paid as you go has the same guarantee          | SAAS            | PAY_AS_YOU_GO | -           | -      | PT48H                | APPROVE | saas.guarantee.inside               | GUARANTEE_FULL_REFUND  | 100.00
        service in progress is refunded even after months  | SERVICE         | SUBSCRIPTION  | IN_PROGRESS | -      | P90D                 | APPROVE | service.guarantee.in-progress       | GUARANTEE_FULL_REFUND  | 100.00
        service completed is rejected even on day one       | SERVICE         | SUBSCRIPTION  | COMPLETED   | -      | PT1H                 | REJECT  | service.accepted                    | SERVICE_ACCEPTED       | -
        service without a delivery status goes to a person  | SERVICE         | SUBSCRIPTION  | -           | -      | PT1H                 | MANUAL_REVIEW | default.manual-review         | NO_RULE_APPLIES        | -
        unused image inside 5 days is refunded in full      | IMAGE           | SUBSCRIPTION  | -           | UNUSED | PT120H               | APPROVE | image.guarantee.inside-unused       | GUARANTEE_FULL_REFUND  | 100.00
        unused image one second past 5 days is rejected     | IMAGE           | SUBSCRIPTION  | -           | UNUSED | PT120H1S             | REJECT  | image.guarantee.over                | GUARANTEE_PERIOD_OVER  | -
        image in use inside 5 days is rejected with remedy  | IMAGE           | SUBSCRIPTION  | -           | IN_USE | PT24H                | REJECT  | image.in-use                        | IMAGE_IN_USE           | -
        image in use after 5 days is rejected as too late   | IMAGE           | SUBSCRIPTION  | -           | IN_USE | PT120H1S             | REJECT  | image.guarantee.over                | GUARANTEE_PERIOD_OVER  | -
        image without a usage status goes to a person       | IMAGE           | SUBSCRIPTION  | -           | -      | PT1H                 | MANUAL_REVIEW | default.manual-review         | NO_RULE_APPLIES        | -
        pay-as-you-go image is never refundable             | IMAGE           | PAY_AS_YOU_GO | -           | UNUSED | PT1H                 | REJECT  | image.pay-as-you-go.not-refundable  | NOT_REFUNDABLE         | -
        API access is never refundable                      | API_OR_DOWNLOAD | SUBSCRIPTION  | -           | -      | PT1H                 | REJECT  | api-or-download.not-refundable      | NOT_REFUNDABLE         | -
        tool download paid as you go is never refundable    | API_OR_DOWNLOAD | PAY_AS_YOU_GO | -           | -      | PT1H                 | REJECT  | api-or-download.not-refundable      | NOT_REFUNDABLE         | -
        """)
    void decidesAnUnsatisfiedCustomerByTheGuarantee(String behaviour, ProductKind product, BillingMode billing,
            ServiceStatus service, ImageUsage image, Duration submittedAfterPaid, Outcome verdict, String rule,
            String reasonCode, String refund) {
        // given
        OrderFacts order = order(product).billing(billing).serviceStatus(service).imageUsage(image).facts();

        // when
        Verdict decided = engine.evaluate(order, refund(Ground.UNSATISFIED, submittedAfterPaid, 0));

        // then
        assertThat(Verdicts.outcomeOf(decided)).isEqualTo(verdict);
        assertThat(decided.ruleId()).isEqualTo(rule);
        assertThat(decided.reasonCode()).isEqualTo(reasonCode);
        assertThat(decided.refundAmount()).isEqualTo(cny(refund));
    }
}
