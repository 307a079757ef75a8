package io.refundflow.evaluator.policy;

/** Lets table-driven tests compare a verdict's type with an {@link Outcome} column. */
final class Verdicts {

    private Verdicts() {
    }

    static Outcome outcomeOf(Verdict verdict) {
        if (verdict instanceof Approve) {
            return Outcome.APPROVE;
        }
        if (verdict instanceof Reject) {
            return Outcome.REJECT;
        }
        return Outcome.MANUAL_REVIEW;
    }
}
