package io.refundflow.evaluator.policy;

import io.refundflow.evaluator.policy.PolicyDocument.CapDocument;
import io.refundflow.evaluator.policy.PolicyDocument.ReasonDocument;
import io.refundflow.evaluator.policy.PolicyDocument.RuleDocument;
import io.refundflow.evaluator.policy.PolicyDocument.WhenDocument;
import io.refundflow.events.BillingMode;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives the parsed document its meaning and refuses anything that could decide money wrongly or
 * leave a request undecided. Messages name the rule id, since that is what a policy author edits.
 */
final class PolicyCompiler {

    private final String source;
    private final PolicyValues values;
    private final PolicyDurations durations;
    private Map<String, Duration> windows;

    PolicyCompiler(String source) {
        this.source = source;
        this.values = new PolicyValues(source);
        this.durations = new PolicyDurations(values);
    }

    Policy compile(PolicyDocument document) {
        String version = values.required(document.version(), "version");
        windows = durations.windows(document.windows());
        if (document.rules() == null || document.rules().isEmpty()) {
            throw values.invalid("the policy has no rules");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < document.rules().size(); i++) {
            Rule rule = rule(document.rules().get(i), i);
            if (!ids.add(rule.id())) {
                throw values.invalid("rule '" + rule.id() + "': duplicate rule id");
            }
            rules.add(rule);
        }
        requireEveryRuleCanFire(rules);
        requireCatchAll(rules.get(rules.size() - 1));
        Rule nothingLeft = nothingLeftToRefund(document.nothingLeftToRefund());
        if (ids.contains(nothingLeft.id())) {
            throw values.invalid("rule '" + nothingLeft.id()
                    + "': duplicate rule id (also used by nothingLeftToRefund)");
        }
        Policy.FourEyes fourEyes = fourEyes(document.fourEyesAbove(), document.fourEyesWindow());
        requireFourEyesCoverEveryCurrency(fourEyes, rules);
        return new Policy(version, source, windows, rules, nothingLeft, fourEyes,
                durations.reviewDueWithin(document.reviewDueWithin()),
                durations.evidenceAnswerWithin(document.evidenceAnswerWithin()));
    }

    private Rule rule(RuleDocument doc, int index) {
        if (doc == null || doc.id() == null || doc.id().isBlank()) {
            throw values.invalid("rule #" + (index + 1) + " has no id");
        }
        String id = doc.id();
        Conditions when = conditions(id, doc.when());
        Outcome outcome = values.enumValue(id, "outcome",
                values.required(doc.outcome(), "rule '" + id + "': outcome"), Outcome.class);
        RefundFormula refund = doc.refund() == null
                ? RefundFormula.NONE
                : values.enumValue(id, "refund", doc.refund(), RefundFormula.class);
        if (outcome == Outcome.APPROVE && refund == RefundFormula.NONE) {
            throw values.invalid("rule '" + id + "': APPROVE needs a refund formula other than NONE");
        }
        if (outcome == Outcome.REJECT && refund != RefundFormula.NONE) {
            throw values.invalid("rule '" + id + "': REJECT refunds nothing, so its refund must be NONE, not "
                    + refund);
        }
        if (when.refundAtMost() != null && refund == RefundFormula.NONE) {
            throw values.invalid("rule '" + id
                    + "': refundAtMost needs a refund formula to compare, but refund is NONE");
        }
        ReasonDocument reason = doc.reason();
        if (reason == null) {
            throw values.invalid("rule '" + id + "': reason is missing");
        }
        LocalizedText remedy = null;
        if (doc.remedy() != null) {
            if (outcome != Outcome.REJECT) {
                throw values.invalid("rule '" + id + "': a remedy only makes sense on a REJECT, not on " + outcome);
            }
            remedy = values.text(id, "remedy", doc.remedy().en(), doc.remedy().zh());
        }
        boolean askForEvidence = Boolean.TRUE.equals(doc.askForEvidence());
        if (askForEvidence && outcome != Outcome.MANUAL_REVIEW) {
            throw values.invalid("rule '" + id + "': askForEvidence only makes sense on a MANUAL_REVIEW, not on "
                    + outcome);
        }
        return new Rule(id, when, outcome, refund, values.required(reason.code(), "rule '" + id + "': reason.code"),
                values.text(id, "reason", reason.en(), reason.zh()), remedy, askForEvidence);
    }

    private Conditions conditions(String id, WhenDocument when) {
        if (when == null) {
            return Conditions.ANY;
        }
        Conditions.Window within = window(id, "withinWindow", when.withinWindow());
        Conditions.Window outside = window(id, "outsideWindow", when.outsideWindow());
        if (within != null && outside != null && within.name().equals(outside.name())) {
            throw values.invalid("rule '" + id + "': withinWindow and outsideWindow name the same window '"
                    + within.name() + "', so the rule can never fire");
        }
        return new Conditions(
                values.enums(id, "productKind", when.productKind(), ProductKind.class),
                values.enums(id, "billingMode", when.billingMode(), BillingMode.class),
                values.enums(id, "ground", when.ground(), Ground.class),
                values.enums(id, "requestKind", when.requestKind(), RequestKind.class),
                values.enums(id, "serviceStatus", when.serviceStatus(), ServiceStatus.class),
                values.enums(id, "imageUsage", when.imageUsage(), ImageUsage.class),
                evidence(id, when.evidence()),
                within,
                outside,
                thresholds(id, when.refundAtMost()));
    }

    private Boolean evidence(String id, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "present" -> Boolean.TRUE;
            case "absent" -> Boolean.FALSE;
            default -> throw values.invalid("rule '" + id + "': evidence must be 'present' or 'absent', not '"
                    + value + "'");
        };
    }

    private Conditions.Window window(String id, String key, String name) {
        if (name == null) {
            return null;
        }
        Duration length = windows.get(name);
        if (length == null) {
            throw values.invalid("rule '" + id + "': " + key + " names unknown window '" + name + "' (declared: "
                    + windows.keySet() + ")");
        }
        return new Conditions.Window(name, length);
    }

    private Map<String, BigDecimal> thresholds(String id, Map<String, String> declared) {
        if (declared == null) {
            return null;
        }
        if (declared.isEmpty()) {
            throw values.invalid("rule '" + id + "': refundAtMost lists no currency, so the rule can never fire");
        }
        return Map.copyOf(values.amountsPerCurrency("rule '" + id + "': refundAtMost", declared));
    }

    /**
     * Per currency (and {@code default} for the others), the amount above which what one reviewer approves alone on
     * an order needs a second reviewer, and the window over which those approvals count together.
     */
    private Policy.FourEyes fourEyes(Map<String, String> declared, String window) {
        Map<String, String> perCurrency = declared == null ? new LinkedHashMap<>() : new LinkedHashMap<>(declared);
        String byDefault = perCurrency.remove(Policy.DEFAULT_FOUR_EYES);
        BigDecimal defaultLimit = byDefault == null ? null
                : values.amount("fourEyesAbove." + Policy.DEFAULT_FOUR_EYES, byDefault);
        return new Policy.FourEyes(values.amountsPerCurrency("fourEyesAbove", perCurrency), defaultLimit,
                durations.fourEyesWindow(window));
    }

    /**
     * A currency the policy names (a rule's {@code refundAtMost}) without a four-eyes threshold would need a
     * second reviewer for every approval: refused unless the file names a {@code default}, so an author sees the
     * gap at load instead of in the review queue.
     */
    private void requireFourEyesCoverEveryCurrency(Policy.FourEyes fourEyes, List<Rule> rules) {
        if (fourEyes.byDefault() != null) {
            return;
        }
        for (Rule rule : rules) {
            Map<String, BigDecimal> named = rule.when().refundAtMost();
            for (String currency : named == null ? Set.<String>of() : named.keySet()) {
                if (!fourEyes.above().containsKey(currency)) {
                    throw values.invalid("fourEyesAbove has no threshold for " + currency + " (rule '" + rule.id()
                            + "' names it in refundAtMost) and no default: give " + currency
                            + " a threshold, or a default for every currency not listed");
                }
            }
        }
    }

    private Rule nothingLeftToRefund(CapDocument cap) {
        if (cap == null || cap.id() == null || cap.id().isBlank() || cap.reason() == null) {
            throw values.invalid("nothingLeftToRefund needs an id and a reason (code, en, zh): it is the rejection "
                    + "given when a rule would refund but nothing is left to refund");
        }
        return new Rule(cap.id(), Conditions.ANY, Outcome.REJECT, RefundFormula.NONE,
                values.required(cap.reason().code(), "rule '" + cap.id() + "': reason.code"),
                values.text(cap.id(), "reason", cap.reason().en(), cap.reason().zh()), null, false);
    }

    /** First match wins, so a rule whose every match an earlier rule already takes is dead policy. */
    private void requireEveryRuleCanFire(List<Rule> rules) {
        for (int later = 1; later < rules.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                if (rules.get(earlier).when().covers(rules.get(later).when())) {
                    throw values.invalid("rule '" + rules.get(later).id() + "' can never fire: the earlier rule '"
                            + rules.get(earlier).id() + "' matches every request it matches");
                }
            }
        }
    }

    private void requireCatchAll(Rule last) {
        if (!last.when().isUnconditional()) {
            throw values.invalid("rule '" + last.id() + "' is the last rule but has conditions: the policy needs a "
                    + "catch-all rule without conditions at the end, so that no request is left undecided");
        }
    }

}
