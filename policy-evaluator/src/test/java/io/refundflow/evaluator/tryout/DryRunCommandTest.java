package io.refundflow.evaluator.tryout;

import static io.refundflow.evaluator.tryout.DryRunJsonTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.evaluator.PolicyTexts;
import io.refundflow.evaluator.policy.PolicyEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command-line dry run: a JSON array of bodies in, a JSON array of answers out, in order. */
class DryRunCommandTest {

    private final DryRunCommand command = new DryRunCommand(PolicyEngine.bundled());
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void answersEveryBodyInOrder() {
        // given
        String input = "[" + body("SAAS", "SUBSCRIPTION", "null", "null", "UNSATISFIED", 0) + ","
                + body("API_OR_DOWNLOAD", "PAY_AS_YOU_GO", "null", "null", "UNSATISFIED", 0) + ","
                + body("SERVER", "SUBSCRIPTION", "null", "null", "FORCE_MAJEURE", 3) + "]";

        // when
        JsonNode answers = json.readTree(run(input));

        // then
        assertThat(answers.size()).isEqualTo(3);
        assertThat(answers.get(0).get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(answers.get(0).get("refundAmount").get("amount").asString()).isEqualTo("100.00");
        assertThat(answers.get(1).get("outcome").asString()).isEqualTo("REJECTED");
        assertThat(answers.get(1).get("ruleId").asString()).isEqualTo("api-or-download.not-refundable");
        assertThat(answers.get(1).get("refundAmount").isNull()).isTrue();
        assertThat(answers.get(2).get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(answers.get(2).get("ruleId").asString()).isEqualTo("server.claim.small-auto-approve");
        assertThat(answers.get(2).get("policyVersion").asString()).isEqualTo(PolicyTexts.bundledVersion());
    }

    @Test
    void anEmptyArrayGivesAnEmptyArray() {
        // when
        JsonNode answers = json.readTree(run("[]"));

        // then
        assertThat(answers.isArray()).isTrue();
        assertThat(answers.size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # behaviour                                  | replace in the second body                        | by                                              | message names
        an unknown product kind                      | "productKind": "SAAS"                             | "productKind": "SPACESHIP"                      | element [1], field order.productKind
        a missing submission time                    | "submittedAt": "2026-11-03T08:00:00Z",            | ''                                              | element [1], field request.submittedAt: is required
        a misspelt field                             | "evidenceCount"                                   | "evidenceCnt"                                   | element [1], field request.evidenceCnt
        an amount that is not a number               | "amount": "100.00"                                | "amount": "a lot"                               | element [1], field order.paidAmount.amount
        an unknown currency                          | "currency": "CNY"}, "paidAt"                      | "currency": "XYZ"}, "paidAt"                    | element [1], field order.paidAmount: not a valid amount
        a malformed time                             | "paidAt": "2026-11-01T08:00:00Z"                  | "paidAt": "yesterday"                           | element [1], field order.paidAt
        a refund in another currency                 | "amount": "0.00", "currency": "CNY"               | "amount": "0.00", "currency": "USD"             | element [1], field order.alreadyRefunded: currency USD
        a term that ends before it starts            | "termEnd": "2027-11-01T08:00:00Z"                 | "termEnd": "2025-11-01T08:00:00Z"               | element [1], field order.termEnd
        a negative evidence count                    | "evidenceCount": 0                                | "evidenceCount": -1                             | element [1], field request.evidenceCount
        """)
    void namesTheElementAndTheFieldOfBadInput(String behaviour, String replace, String by,
            String messageNames) {
        // given
        String bad = body("SAAS", "SUBSCRIPTION", "null", "null", "UNSATISFIED", 0)
                .replace("\n", " ").replaceAll(" +", " ").replace(replace, by);
        String input = "[" + body("SAAS", "SUBSCRIPTION", "null", "null", "UNSATISFIED", 0) + "," + bad + "]";

        // when / then
        assertThatThrownBy(() -> run(input))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessageContaining(messageNames);
    }

    @Test
    void writesNothingWhenAnyElementIsBad() {
        // given
        String input = "[" + body("SAAS", "SUBSCRIPTION", "null", "null", "UNSATISFIED", 0) + ", 42]";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when / then
        assertThatThrownBy(() -> command.run(stream(input), out))
                .hasMessage("element [1]: must be an object with 'order' and 'request'");
        assertThat(out.size()).isZero();
    }

    @Test
    void refusesInputThatIsNotAnArray() {
        assertThatThrownBy(() -> run(body("SAAS", "SUBSCRIPTION", "null", "null", "UNSATISFIED", 0)))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessage("input must be a JSON array of dry-run bodies");
    }

    @Test
    void refusesInputThatIsNotJsonNamingTheLine() {
        assertThatThrownBy(() -> run("[\n{\"order\": }"))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessageStartingWith("input is not valid JSON at line 2");
    }

    @Test
    void aMissingOrderIsNamed() {
        assertThatThrownBy(() -> run("[{\"request\": {}}]"))
                .hasMessage("element [0], field order: is required");
    }

    private String run(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.run(stream(input), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
