package io.refundflow.evaluator.policy;

import io.refundflow.events.LocalizedText;

/** One rule of the policy file, checked and ready to match. */
record Rule(String id, Conditions when, Outcome outcome, RefundFormula refund, String reasonCode,
        LocalizedText reason, LocalizedText remedy, boolean askForEvidence) {
}
