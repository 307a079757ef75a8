package io.refundflow.evaluator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A malformed or self-contradictory policy file is refused at load, naming the line or the rule id. */
class InvalidPolicyTest {

    private static final String HEADER = """
            version: "test-1"
            windows:
              guarantee: PT120H
            nothingLeftToRefund:
              id: cap.nothing-left
              reason: {code: NOTHING_LEFT_TO_REFUND, en: Nothing left., zh: 无可退金额。}
            rules:
            """;

    private static final String CATCH_ALL = """
              - id: default
                outcome: MANUAL_REVIEW
                reason: {code: NO_RULE_APPLIES, en: A person decides., zh: 人工审核。}
            """;

    private static final String SAAS_APPROVE = """
              - id: saas.inside
                when: {productKind: [SAAS], withinWindow: guarantee}
                outcome: APPROVE
                refund: FULL
                reason: {code: FULL, en: Refunded., zh: 已退款。}
            """;

    @Test
    void theMinimalTemplateOfTheseTestsIsItselfValid() {
        // when
        Policy policy = load(HEADER + SAAS_APPROVE + CATCH_ALL);

        // then
        assertThat(policy.ruleIds()).containsExactly("saas.inside", "default", "cap.nothing-left");
    }

    static Stream<Arguments> brokenPolicies() {
        return Stream.of(
                broken("YAML syntax error names the line",
                        HEADER + "  - id: [unclosed\n" + CATCH_ALL,
                        "test-policy.yaml, line 8"),
                broken("a list where a text belongs names the line and path",
                        HEADER + "  - id: [a, b]\n    outcome: REJECT\n" + CATCH_ALL,
                        "line 8", "rules[0].id"),
                broken("a misspelt condition key names the line and the key's path",
                        HEADER + rule("typo", "productKnd: [SAAS]", "REJECT", "NONE") + CATCH_ALL,
                        "test-policy.yaml, line ", "(at rules[0].when.productKnd)"),
                broken("a key given twice in one rule names the line",
                        HEADER + "  - id: twice\n    id: again\n" + CATCH_ALL,
                        "line 9", "Duplicate", "\"id\""),
                broken("unknown product kind names the rule",
                        HEADER + rule("bad.kind", "productKind: [SAAS, SPACESHIP]", "REJECT", "NONE") + CATCH_ALL,
                        "rule 'bad.kind'", "unknown productKind 'SPACESHIP'"),
                broken("unknown refund formula names the rule",
                        HEADER + rule("bad.formula", "productKind: [SERVER]", "MANUAL_REVIEW", "HALF_OF_IT")
                                + CATCH_ALL,
                        "rule 'bad.formula'", "unknown refund 'HALF_OF_IT'"),
                broken("unknown outcome names the rule",
                        HEADER + rule("bad.outcome", "productKind: [SERVER]", "MAYBE", "NONE") + CATCH_ALL,
                        "rule 'bad.outcome'", "unknown outcome 'MAYBE'"),
                broken("duplicate rule id names the rule",
                        HEADER + SAAS_APPROVE + SAAS_APPROVE.replace("SAAS", "IMAGE") + CATCH_ALL,
                        "rule 'saas.inside': duplicate rule id"),
                broken("a rule id reused by the nothing-left rule names it",
                        HEADER + SAAS_APPROVE + CATCH_ALL.replace("id: default", "id: cap.nothing-left"),
                        "rule 'cap.nothing-left': duplicate rule id"),
                broken("no catch-all at the end names the last rule",
                        HEADER + SAAS_APPROVE,
                        "rule 'saas.inside' is the last rule but has conditions"),
                broken("a rule after the catch-all can never fire",
                        HEADER + CATCH_ALL + SAAS_APPROVE.replace("saas.inside", "saas.too-late"),
                        "rule 'saas.too-late' can never fire", "earlier rule 'default'"),
                broken("a rule narrower than an earlier one can never fire",
                        HEADER + rule("all.saas", "productKind: [SAAS, IMAGE]", "REJECT", "NONE") + SAAS_APPROVE
                                + CATCH_ALL,
                        "rule 'saas.inside' can never fire", "earlier rule 'all.saas'"),
                broken("approve with formula NONE names the rule",
                        HEADER + rule("free.approve", "productKind: [SAAS]", "APPROVE", "NONE") + CATCH_ALL,
                        "rule 'free.approve': APPROVE needs a refund formula"),
                broken("reject with a refund formula names the rule",
                        HEADER + rule("paid.reject", "productKind: [SAAS]", "REJECT", "FULL") + CATCH_ALL,
                        "rule 'paid.reject': REJECT refunds nothing"),
                broken("missing Chinese reason names the rule",
                        HEADER + "  - id: no.zh\n    when: {productKind: [SAAS]}\n    outcome: REJECT\n"
                                + "    reason: {code: X, en: English only.}\n" + CATCH_ALL,
                        "rule 'no.zh': reason has no Chinese text (zh)"),
                broken("missing reason code names the rule",
                        HEADER + "  - id: no.code\n    when: {productKind: [SAAS]}\n    outcome: REJECT\n"
                                + "    reason: {en: Text., zh: 文本。}\n" + CATCH_ALL,
                        "rule 'no.code': reason.code is missing"),
                broken("a remedy on an approval names the rule",
                        HEADER + SAAS_APPROVE + "    remedy: {en: Try again., zh: 请重试。}\n" + CATCH_ALL,
                        "rule 'saas.inside': a remedy only makes sense on a REJECT"),
                broken("a remedy in one language only names the rule",
                        HEADER + rule("half.remedy", "productKind: [SAAS]", "REJECT", "NONE")
                                + "    remedy: {en: Try again.}\n" + CATCH_ALL,
                        "rule 'half.remedy': remedy has no Chinese text (zh)"),
                broken("a bad window duration names the window",
                        HEADER.replace("PT120H", "5 days") + SAAS_APPROVE + CATCH_ALL,
                        "window 'guarantee': bad duration '5 days'"),
                broken("a zero window names the window",
                        HEADER.replace("PT120H", "PT0S") + SAAS_APPROVE + CATCH_ALL,
                        "window 'guarantee': duration must be positive"),
                broken("an undeclared window names the rule",
                        HEADER + rule("no.window", "withinWindow: cooling-off", "REJECT", "NONE") + CATCH_ALL,
                        "rule 'no.window': withinWindow names unknown window 'cooling-off'"),
                broken("inside and outside the same window can never fire",
                        HEADER + rule("both", "withinWindow: guarantee\n      outsideWindow: guarantee", "REJECT",
                                "NONE") + CATCH_ALL,
                        "rule 'both'", "can never fire"),
                broken("an empty list can never fire",
                        HEADER + rule("empty", "ground: []", "REJECT", "NONE") + CATCH_ALL,
                        "rule 'empty': ground is an empty list"),
                broken("an unknown evidence value names the rule",
                        HEADER + rule("evidence", "evidence: maybe", "REJECT", "NONE") + CATCH_ALL,
                        "rule 'evidence': evidence must be 'present' or 'absent'"),
                broken("a threshold without a formula names the rule",
                        HEADER + rule("threshold", "refundAtMost: {CNY: \"1.00\"}", "MANUAL_REVIEW", "NONE")
                                + CATCH_ALL,
                        "rule 'threshold': refundAtMost needs a refund formula"),
                broken("a threshold in an unknown currency names the rule",
                        HEADER + rule("threshold", "refundAtMost: {XYZ: \"1.00\"}", "APPROVE", "FULL")
                                + CATCH_ALL,
                        "rule 'threshold': refundAtMost has unknown currency 'XYZ'"),
                broken("a threshold that is not an amount names the rule",
                        HEADER + rule("threshold", "refundAtMost: {CNY: lots}", "APPROVE", "FULL") + CATCH_ALL,
                        "rule 'threshold': refundAtMost.CNY is not an amount"),
                broken("a four-eyes threshold in an unknown currency names the field",
                        "fourEyesAbove: {XYZ: \"1.00\"}\n" + HEADER + CATCH_ALL,
                        "fourEyesAbove has unknown currency 'XYZ'"),
                broken("a four-eyes threshold that is not an amount names the field",
                        "fourEyesAbove: {CNY: lots}\n" + HEADER + CATCH_ALL,
                        "fourEyesAbove.CNY is not an amount: 'lots'"),
                broken("a negative four-eyes threshold names the field",
                        "fourEyesAbove: {USD: \"-1.00\"}\n" + HEADER + CATCH_ALL,
                        "fourEyesAbove.USD must not be negative"),
                broken("four-eyes thresholds that miss a currency a rule names, without default, are refused",
                        "fourEyesAbove: {CNY: \"5000.00\"}\n" + HEADER
                                + rule("small", "refundAtMost: {CNY: \"200.00\", USD: \"30.00\"}", "APPROVE", "FULL")
                                + CATCH_ALL,
                        "fourEyesAbove has no threshold for USD", "default"),
                broken("no four-eyes thresholds while a rule names a currency is refused",
                        HEADER + rule("small", "refundAtMost: {CNY: \"200.00\"}", "APPROVE", "FULL") + CATCH_ALL,
                        "fourEyesAbove has no threshold for CNY"),
                broken("a four-eyes window that is not a duration names the field",
                        "fourEyesWindow: a month\n" + HEADER + CATCH_ALL,
                        "fourEyesWindow: bad duration 'a month'"),
                broken("a review due time for an unknown ground names it",
                        "reviewDueWithin: {BORED: PT48H}\n" + HEADER + CATCH_ALL,
                        "reviewDueWithin has unknown ground 'BORED'"),
                broken("a review due time that is not a duration names the field",
                        "reviewDueWithin: {default: two days}\n" + HEADER + CATCH_ALL,
                        "reviewDueWithin.default: bad duration 'two days'"),
                broken("asking for evidence on a rule that does not send to review names the rule",
                        HEADER + "  - id: saas.ask\n    outcome: REJECT\n    askForEvidence: true\n"
                                + "    reason: {code: NO, en: no, zh: 不}\n" + CATCH_ALL,
                        "rule 'saas.ask': askForEvidence only makes sense on a MANUAL_REVIEW, not on REJECT"),
                broken("an evidence answer time that is not positive names the field",
                        "evidenceAnswerWithin: P0D\n" + HEADER + CATCH_ALL,
                        "evidenceAnswerWithin: duration must be positive"),
                broken("a rule without id is named by position",
                        HEADER + "  - outcome: REJECT\n" + CATCH_ALL,
                        "rule #1 has no id"),
                broken("a missing version is refused",
                        HEADER.replace("version: \"test-1\"\n", "") + SAAS_APPROVE + CATCH_ALL,
                        "version is missing"),
                broken("a missing nothing-left rule is refused",
                        HEADER.replaceAll("(?s)nothingLeftToRefund:.*NOTHING_LEFT_TO_REFUND[^\\n]*\\n", "") + SAAS_APPROVE
                                + CATCH_ALL,
                        "nothingLeftToRefund needs an id and a reason"),
                broken("an empty file is refused",
                        "",
                        "test-policy.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPolicies")
    void refusesABrokenPolicyAtLoad(String behaviour, String yaml, String[] expectedInMessage) {
        // when / then
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(InvalidPolicyException.class)
                .message().contains(expectedInMessage);
    }

    private static Arguments broken(String behaviour, String yaml, String... expectedInMessage) {
        return Arguments.of(behaviour, yaml, expectedInMessage);
    }

    private static String rule(String id, String when, String outcome, String refund) {
        return "  - id: " + id + "\n"
                + "    when:\n"
                + "      " + when + "\n"
                + "    outcome: " + outcome + "\n"
                + "    refund: " + refund + "\n"
                + "    reason: {code: CODE, en: Text., zh: 文本。}\n";
    }

    private static Policy load(String yaml) {
        return PolicyLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-policy.yaml");
    }
}
