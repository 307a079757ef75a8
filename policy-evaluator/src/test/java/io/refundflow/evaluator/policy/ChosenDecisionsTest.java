package io.refundflow.evaluator.policy;

import static io.refundflow.evaluator.policy.Given.cny;
import static io.refundflow.evaluator.policy.Given.exchange;
import static io.refundflow.evaluator.policy.Given.order;
import static io.refundflow.evaluator.policy.Given.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.Ground;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The combinations docs/policy.md leaves open, decided by "(chosen)" rules in the shipped policy file. */
class ChosenDecisionsTest {

    private final PolicyEngine engine = PolicyEngine.bundled();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # behaviour                                                 | kind     | product         | ground          | evidence | submitted after paid | verdict       | rule                                   | reason code        | refund
        an exchange is not a refund and goes to a person            | EXCHANGE | SAAS            | UNSATISFIED     | 0        | PT1H                 | MANUAL_REVIEW | exchange.manual-review                 | EXCHANGE_REQUESTED | -
        a server exchange with evidence goes to a person            | EXCHANGE | SERVER          | QUALITY_ISSUE   | 1        | P10D                 | MANUAL_REVIEW | exchange.manual-review                 | EXCHANGE_REQUESTED | -
        a server exchange without evidence asks for evidence        | EXCHANGE | SERVER          | QUALITY_ISSUE   | 0        | P10D                 | MANUAL_REVIEW | exchange.server-claim.evidence-missing | EVIDENCE_MISSING   | -
        a claim ground inside the SaaS guarantee needs no reason    | REFUND   | SAAS            | QUALITY_ISSUE   | 0        | PT1H                 | APPROVE       | saas.guarantee.inside                  | GUARANTEE_FULL_REFUND | 100.00
        a claim ground on SaaS after the guarantee goes to a person | REFUND   | SAAS            | NOT_AS_PROMISED | 1        | P10D                 | MANUAL_REVIEW | claim.non-server.manual-review         | CLAIM_REVIEW       | -
        a claim ground on a completed service goes to a person      | REFUND   | SERVICE         | QUALITY_ISSUE   | 1        | PT1H                 | MANUAL_REVIEW | claim.non-server.manual-review         | CLAIM_REVIEW       | -
        a claim ground on an API product goes to a person           | REFUND   | API_OR_DOWNLOAD | FORCE_MAJEURE   | 1        | PT1H                 | MANUAL_REVIEW | claim.non-server.manual-review         | CLAIM_REVIEW       | -
        """)
    void decidesWhatTheSeedsLeaveOpen(String behaviour, RequestKind kind, ProductKind product, Ground ground,
            int evidence, Duration submittedAfterPaid, Outcome verdict, String rule, String reasonCode, String refund) {
        // given
        OrderFacts order = order(product).serviceStatus(ServiceStatus.COMPLETED).facts();
        RequestFacts request = kind == RequestKind.EXCHANGE
                ? exchange(ground, submittedAfterPaid, evidence)
                : refund(ground, submittedAfterPaid, evidence);

        // when
        Verdict decided = engine.evaluate(order, request);

        // then
        assertThat(Verdicts.outcomeOf(decided)).isEqualTo(verdict);
        assertThat(decided.ruleId()).isEqualTo(rule);
        assertThat(decided.reasonCode()).isEqualTo(reasonCode);
        assertThat(decided.refundAmount()).isEqualTo(cny(refund));
    }
}
