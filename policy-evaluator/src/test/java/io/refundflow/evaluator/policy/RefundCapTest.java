package io.refundflow.evaluator.policy;

import static io.refundflow.evaluator.policy.Given.cny;
import static io.refundflow.evaluator.policy.Given.order;
import static io.refundflow.evaluator.policy.Given.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.ServiceStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/policy.md, "Money and time": a refund never exceeds what was paid, nor what earlier refunds left. */
class RefundCapTest {

    private final PolicyEngine engine = PolicyEngine.bundled();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # behaviour                                                | product         | ground        | evidence | paid    | already refunded | submitted after paid | verdict       | rule                            | reason code               | refund
        a partial refund earlier lowers a full refund              | SAAS            | UNSATISFIED   | 0        | 100.00  | 30.00            | PT1H                 | APPROVE       | saas.guarantee.inside           | GUARANTEE_FULL_REFUND     | 70.00
        one cent left is still refunded                            | SAAS            | UNSATISFIED   | 0        | 100.00  | 99.99            | PT1H                 | APPROVE       | saas.guarantee.inside           | GUARANTEE_FULL_REFUND     | 0.01
        a fully refunded order has nothing left                    | SAAS            | UNSATISFIED   | 0        | 100.00  | 100.00           | PT1H                 | REJECT        | cap.nothing-left-to-refund      | NOTHING_LEFT_TO_REFUND    | -
        a fully refunded service has nothing left                  | SERVICE         | UNSATISFIED   | 0        | 100.00  | 100.00           | PT1H                 | REJECT        | cap.nothing-left-to-refund      | NOTHING_LEFT_TO_REFUND    | -
        a pro-rated claim is capped by what is left                | SERVER          | QUALITY_ISSUE | 1        | 1000.00 | 500.00           | P100D                | MANUAL_REVIEW | server.claim.quality-issue      | QUALITY_ISSUE_REVIEW      | 500.00
        a pro-rated claim below what is left is not capped         | SERVER          | QUALITY_ISSUE | 1        | 1000.00 | 200.00           | P100D                | MANUAL_REVIEW | server.claim.quality-issue      | QUALITY_ISSUE_REVIEW      | 726.03
        the auto-approve threshold compares the capped amount      | SERVER          | QUALITY_ISSUE | 1        | 1000.00 | 990.00           | P100D                | APPROVE       | server.claim.small-auto-approve | SMALL_CLAIM_AUTO_APPROVED | 10.00
        a claim on a fully refunded server has nothing left        | SERVER          | QUALITY_ISSUE | 1        | 1000.00 | 1000.00          | P100D                | REJECT        | cap.nothing-left-to-refund      | NOTHING_LEFT_TO_REFUND    | -
        a claim after the term ended has no unused time left       | SERVER          | QUALITY_ISSUE | 1        | 1000.00 | -                | P366D                | REJECT        | cap.nothing-left-to-refund      | NOTHING_LEFT_TO_REFUND    | -
        a rejection keeps its own reason on a refunded order       | API_OR_DOWNLOAD | UNSATISFIED   | 0        | 100.00  | 100.00           | PT1H                 | REJECT        | api-or-download.not-refundable  | NOT_REFUNDABLE            | -
        """)
    void capsEveryRefundAtWhatIsStillRefundable(String behaviour, ProductKind product, Ground ground,
            int evidence, String paid, String alreadyRefunded, Duration submittedAfterPaid, Outcome verdict,
            String rule, String reasonCode, String refund) {
        // given
        OrderFacts order = order(product).serviceStatus(ServiceStatus.IN_PROGRESS).paid(paid)
                .refunded(alreadyRefunded).facts();

        // when
        Verdict decided = engine.evaluate(order, refund(ground, submittedAfterPaid, evidence));

        // then
        assertThat(Verdicts.outcomeOf(decided)).isEqualTo(verdict);
        assertThat(decided.ruleId()).isEqualTo(rule);
        assertThat(decided.reasonCode()).isEqualTo(reasonCode);
        assertThat(decided.refundAmount()).isEqualTo(cny(refund));
    }

    @Test
    void aBillingOrderWithoutRefundsCountsAsNothingRefunded() {
        // given
        BillingOrder billing = new BillingOrder("o-1", "c-1", "alice@example.com", "zh", ProductKind.SAAS,
                BillingMode.SUBSCRIPTION, Money.of("100.00", "CNY"), Given.PAID_AT, Given.PAID_AT,
                Given.PAID_AT.plus(Duration.ofDays(30)), null, null, null);

        // when
        OrderFacts order = OrderFacts.from(billing);

        // then
        assertThat(order.alreadyRefunded()).isEqualTo(Money.of("0.00", "CNY"));
        assertThat(engine.evaluate(order, refund(Ground.UNSATISFIED, Duration.ofHours(1), 0)).refundAmount())
                .isEqualTo(Money.of("100.00", "CNY"));
    }
}
