package io.refundflow.evaluator.tryout;

import io.refundflow.evaluator.model.DecisionHistory;
import io.refundflow.evaluator.model.StoredDecision;
import io.refundflow.evaluator.policy.InvalidPolicyException;
import io.refundflow.evaluator.policy.OrderFacts;
import io.refundflow.evaluator.policy.Policy;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.evaluator.policy.PolicyLoader;
import io.refundflow.evaluator.policy.RequestFacts;
import io.refundflow.evaluator.tryout.WhatIfViews.Change;
import io.refundflow.evaluator.tryout.WhatIfViews.ChangeCount;
import io.refundflow.evaluator.tryout.WhatIfViews.Report;
import io.refundflow.evaluator.tryout.WhatIfViews.WhatIfBody;
import io.refundflow.events.Money;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replays the decisions the policy made in a time range (from their stored request and billing facts) through
 * the current and a candidate policy, and reports the ones that would change. Reads only: nothing is stored
 * or published.
 */
@Service
class WhatIfService {

    static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    private static final int MAX_SAMPLE = 500;
    private static final Logger log = LoggerFactory.getLogger(WhatIfService.class);

    private final PolicyEngine current;
    private final DecisionHistory decisions;
    private final WhatIfLimits limits;
    private final Clock clock;

    WhatIfService(PolicyEngine current, DecisionHistory decisions, WhatIfLimits limits, Clock clock) {
        this.current = current;
        this.decisions = decisions;
        this.limits = limits;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Report compare(WhatIfBody body) {
        if (body == null || body.policy() == null || body.policy().isBlank()) {
            throw new InvalidWhatIfException("policy", "is required: the candidate policy file's text (YAML)");
        }
        Instant to = body.to() == null ? clock.instant() : body.to();
        Instant from = body.from() == null ? to.minus(DEFAULT_RANGE) : body.from();
        if (!from.isBefore(to)) {
            throw new InvalidWhatIfException("to", "must be after from (" + from + ")");
        }
        int sampleSize = body.sampleSize() == null ? limits.sampleSize() : body.sampleSize();
        if (sampleSize < 0 || sampleSize > MAX_SAMPLE) {
            throw new InvalidWhatIfException("sampleSize", "must be between 0 and " + MAX_SAMPLE);
        }
        PolicyEngine candidate = new PolicyEngine(candidate(body.policy()));

        List<StoredDecision> replayed = decisions.decidedByPolicy(from, to, limits.maxDecisions() + 1);
        boolean truncated = replayed.size() > limits.maxDecisions();
        if (truncated) {
            replayed = replayed.subList(0, limits.maxDecisions());
        }
        Map<String, ChangeCount> counts = new LinkedHashMap<>();
        List<Change> sample = new ArrayList<>();
        int changed = 0;
        for (StoredDecision decision : replayed) {
            OrderFacts order = decision.orderFacts();
            RequestFacts request = RequestFacts.from(decision.request());
            DryRunAnswer now = DryRunMapping.toAnswer(current.evaluate(order, request));
            DryRunAnswer then = DryRunMapping.toAnswer(candidate.evaluate(order, request));
            if (sameDecision(now, then)) {
                continue;
            }
            changed++;
            String key = now.ruleId() + " -> " + then.ruleId();
            ChangeCount count = counts.get(key);
            counts.put(key, new ChangeCount(now.ruleId(), then.ruleId(), now.outcome(), then.outcome(),
                    count == null ? 1 : count.count() + 1));
            if (sample.size() < sampleSize) {
                sample.add(new Change(decision.refundId(), decision.orderId(), decision.decidedAt(), now, then));
            }
        }
        List<ChangeCount> byRule = counts.values().stream()
                .sorted(Comparator.comparingLong(ChangeCount::count).reversed()
                        .thenComparing(ChangeCount::currentRuleId).thenComparing(ChangeCount::candidateRuleId))
                .toList();
        log.info("what-if of candidate policy {} against {} over [{}, {}): {} of {} decisions would change",
                candidate.version(), current.version(), from, to, changed, replayed.size());
        return new Report(current.version(), candidate.version(), from, to, replayed.size(), changed, truncated,
                byRule, sample);
    }

    private static Policy candidate(String text) {
        try {
            return PolicyLoader.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    "candidate policy");
        } catch (InvalidPolicyException e) {
            throw new InvalidWhatIfException("policy", e.getMessage());
        }
    }

    /** The same decision whatever the version: outcome, rule, reason, amount and remedy. */
    private static boolean sameDecision(DryRunAnswer a, DryRunAnswer b) {
        return a.outcome() == b.outcome() && a.ruleId().equals(b.ruleId()) && a.reasonCode().equals(b.reasonCode())
                && sameAmount(a.refundAmount(), b.refundAmount()) && Objects.equals(a.remedy(), b.remedy());
    }

    private static boolean sameAmount(Money a, Money b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
    }
}
