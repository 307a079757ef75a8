package io.refundflow.evaluator.policy;

import java.util.List;
import java.util.Map;

/**
 * The policy file as written, before any meaning is checked. Values stay strings here so that
 * {@link PolicyCompiler} can name the rule whose value is wrong; Jackson only checks the shape.
 */
record PolicyDocument(String version, Map<String, String> windows, CapDocument nothingLeftToRefund,
        Map<String, String> fourEyesAbove, String fourEyesWindow, Map<String, String> reviewDueWithin,
        String evidenceAnswerWithin,
        List<RuleDocument> rules) {

    record RuleDocument(String id, WhenDocument when, String outcome, String refund, ReasonDocument reason,
            TextDocument remedy, Boolean askForEvidence) {
    }

    record WhenDocument(List<String> productKind, List<String> billingMode, List<String> ground,
            List<String> requestKind, List<String> serviceStatus, List<String> imageUsage, String evidence,
            String withinWindow, String outsideWindow, Map<String, String> refundAtMost) {
    }

    record CapDocument(String id, ReasonDocument reason) {
    }

    record ReasonDocument(String code, String en, String zh) {
    }

    record TextDocument(String en, String zh) {
    }
}
