package io.refundflow.evaluator.policy;

import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** The {@code reviewDueWithin} key of the grounds the file does not name. */
    static final String DEFAULT_DUE = "default";

    /** The {@code fourEyesAbove} key of the threshold of every currency the file does not list. */
    static final String DEFAULT_FOUR_EYES = "default";

    private final Map<String, BigDecimal> fourEyesAbove;
    private final BigDecimal fourEyesDefault;
    private final Duration fourEyesWindow;
    private final Map<String, Duration> reviewDueWithin;
    private final Duration evidenceAnswerWithin;

    Policy(String version, String source, Map<String, Duration> windows, List<Rule> rules, Rule nothingLeftToRefund,
            FourEyes fourEyes, Map<String, Duration> reviewDueWithin, Duration evidenceAnswerWithin) {
        this.version = version;
        this.source = source;
        this.windows = Map.copyOf(windows);
        this.rules = List.copyOf(rules);
        this.nothingLeftToRefund = nothingLeftToRefund;
        this.fourEyesAbove = Map.copyOf(fourEyes.above());
        this.fourEyesDefault = fourEyes.byDefault();
        this.fourEyesWindow = fourEyes.window();
        this.reviewDueWithin = Map.copyOf(reviewDueWithin);
        this.evidenceAnswerWithin = evidenceAnswerWithin;
    }

    /**
     * How long a customer asked for more evidence has to add it before the refund is rejected with reason
     * EVIDENCE_NOT_PROVIDED ({@code evidenceAnswerWithin}); empty when the file sets none, and then reviewers
     * cannot ask.
     */
    public Optional<Duration> evidenceAnswerWithin() {
        return Optional.ofNullable(evidenceAnswerWithin);
    }

    /**
     * How long a manual review on this ground may take before it is overdue ({@code reviewDueWithin}: the
     * ground's own entry, else {@code default}); empty when the file sets neither.
     */
    public Optional<Duration> reviewDueWithin(Ground ground) {
        Duration due = ground == null ? null : reviewDueWithin.get(ground.name());
        return Optional.ofNullable(due != null ? due : reviewDueWithin.get(DEFAULT_DUE));
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

    /**
     * The four-eyes threshold of the amount's currency, if the amount is above it: a reviewer's approvals of that
     * much on one order (within {@link #fourEyesWindow()}) need a second reviewer. The threshold is the currency's
     * {@code fourEyesAbove} entry, else its {@code default} (in that currency); a currency with neither has none
     * to stay under: any amount needs a second reviewer (fail safe; the loader refuses a file that leaves a
     * currency it names uncovered).
     */
    public Optional<Money> fourEyesThresholdExceededBy(Money amount) {
        BigDecimal limit = fourEyesAbove.getOrDefault(amount.currency(),
                fourEyesDefault != null ? fourEyesDefault : BigDecimal.ZERO);
        return amount.amount().compareTo(limit) > 0
                ? Optional.of(new Money(limit, amount.currency()).normalized())
                : Optional.empty();
    }

    /**
     * Over how long what one reviewer approved alone on an order counts towards the four-eyes threshold
     * ({@code fourEyesWindow}); empty when the file sets none, and then every earlier approval counts.
     */
    public Optional<Duration> fourEyesWindow() {
        return Optional.ofNullable(fourEyesWindow);
    }

    List<Rule> rules() {
        return rules;
    }

    Rule nothingLeftToRefund() {
        return nothingLeftToRefund;
    }

    /**
     * The four-eyes settings as the file gives them.
     *
     * @param above     threshold per currency
     * @param byDefault threshold of every other currency; null when the file names no {@code default}
     * @param window    over how long a reviewer's approvals on one order count together; null for ever
     */
    record FourEyes(Map<String, BigDecimal> above, BigDecimal byDefault, Duration window) {
    }
}
