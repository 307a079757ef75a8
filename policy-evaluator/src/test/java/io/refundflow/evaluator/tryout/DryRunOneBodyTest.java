package io.refundflow.evaluator.tryout;

import static io.refundflow.evaluator.tryout.DryRunJsonTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.evaluator.PolicyTexts;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One dry-run body, as the REST endpoint answers it: the batch's JSON rules, messages without an element index. */
class DryRunOneBodyTest {

    private final DryRunCommand command = new DryRunCommand(PolicyEngine.bundled());

    @Test
    void aBodyIsAnsweredWithTheRuleAndItsExplanation() {
        // given a SAAS order paid two days before the request
        String input = body("SAAS", "SUBSCRIPTION", "null", "null", "UNSATISFIED", 0);

        // when
        DryRunAnswer answer = command.answerOne(stream(input));

        // then
        assertThat(answer).isEqualTo(new DryRunAnswer(DryRunAnswer.Outcome.APPROVED, Money.of("100.00", "CNY"),
                "saas.guarantee.inside", PolicyTexts.bundledVersion(), "GUARANTEE_FULL_REFUND",
                new LocalizedText("You applied within the guarantee period, so your payment is refunded in full.",
                        "您在交易担保期内提出申请，款项将全额退还。"), null));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> command.answerOne(stream("[]")))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessage("the body must be an object with 'order' and 'request'");
    }

    @Test
    void aBadFieldIsNamedWithoutAnElementIndex() {
        // given a body whose evidence count is negative
        String input = body("SAAS", "SUBSCRIPTION", "null", "null", "UNSATISFIED", -1);

        // when / then
        assertThatThrownBy(() -> command.answerOne(stream(input)))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessage("field request.evidenceCount: must not be negative");
    }

    @Test
    void aValueTheContractDoesNotKnowIsRefusedWithTheParsersReason() {
        // given a body naming a product kind that does not exist
        String input = body("SPACESHIP", "SUBSCRIPTION", "null", "null", "UNSATISFIED", 0);

        // when / then the message names the field and says why the value is refused
        assertThatThrownBy(() -> command.answerOne(stream(input)))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessageStartingWith("field order.productKind: ")
                .hasMessageContaining("SPACESHIP");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
