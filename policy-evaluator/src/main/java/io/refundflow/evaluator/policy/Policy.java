package io.refundflow.evaluator.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A loaded, validated policy: rules in the order they are tried (the last one matches everything),
 * and the rejection the engine gives when a rule would refund but nothing is left to refund.
 * Immutable; obtain one from {@link PolicyLoader}.
 */
public final class Policy {

    private final String version;
    private final String source;
    private final Map<String, Duration> windows;
    private final List<Rule> rules;
    private final Rule nothingLeftToRefund;

    Policy(String version, String source, Map<String, Duration> windows, List<Rule> rules, Rule nothingLeftToRefund) {
        this.version = version;
        this.source = source;
        this.windows = Map.copyOf(windows);
        this.rules = List.copyOf(rules);
        this.nothingLeftToRefund = nothingLeftToRefund;
    }

    /** The {@code version} declared in the file; recorded on every verdict. */
    public String version() {
        return version;
    }

    /** Where the policy was loaded from, for messages. */
    public String source() {
        return source;
    }

    /** The named windows, e.g. {@code guarantee -> PT120H}. */
    public Map<String, Duration> windows() {
        return windows;
    }

    /** The rule ids in the order they are tried, then the nothing-left-to-refund rule. */
    public List<String> ruleIds() {
        return Stream.concat(rules.stream(), Stream.of(nothingLeftToRefund))
                .map(Rule::id)
                .toList();
    }

    List<Rule> rules() {
        return rules;
    }

    Rule nothingLeftToRefund() {
        return nothingLeftToRefund;
    }
}
