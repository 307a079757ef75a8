package io.refundflow.evaluator.policy;

import java.util.List;

/**
 * A verdict with the rule trace that led to it: one line per rule checked, saying why it did not
 * match or that it fired. The service stores the trace next to the decision.
 */
public record Evaluation(Verdict verdict, List<String> trace) {

    public Evaluation {
        trace = List.copyOf(trace);
    }
}
