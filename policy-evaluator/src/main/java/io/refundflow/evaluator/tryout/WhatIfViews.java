package io.refundflow.evaluator.tryout;

import io.refundflow.evaluator.tryout.DryRunAnswer;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of {@code POST /api/policy/what-if}. */
final class WhatIfViews {

    private WhatIfViews() {
    }

    /**
     * @param policy     the candidate policy file's text (YAML), required
     * @param from       start of the range of decision times, inclusive; default {@code to} minus 30 days
     * @param to         end of the range, exclusive; default now
     * @param sampleSize how many changed decisions to list; default {@code refund.evaluator.what-if-sample-size}
     */
    record WhatIfBody(String policy, Instant from, Instant to, Integer sampleSize) {
    }

    /**
     * @param replayed  how many stored policy decisions were replayed (decisions of the trust check and of
     *                  the order wait are not the policy's, so they are not replayed)
     * @param truncated whether the range held more decisions than one what-if replays
     */
    record Report(String currentPolicyVersion, String candidatePolicyVersion, Instant from, Instant to, int replayed,
            int changed, boolean truncated, List<ChangeCount> changesByRule, List<Change> sample) {
    }

    /** How many decisions move from one rule of the current policy to one of the candidate. */
    record ChangeCount(String currentRuleId, String candidateRuleId, DryRunAnswer.Outcome currentOutcome,
            DryRunAnswer.Outcome candidateOutcome, long count) {
    }

    record Change(String refundId, String orderId, Instant decidedAt, DryRunAnswer current, DryRunAnswer candidate) {
    }
}
