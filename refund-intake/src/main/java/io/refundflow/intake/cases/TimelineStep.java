package io.refundflow.intake.cases;

/**
 * The steps of the flow, as shown on a case's timeline; SETTLED is billing paying the refund back (or not).
 * EVIDENCE_ADDED is the customer adding files a reviewer asked for: it happens only on some requests, so it shows
 * in the case's history, not as a step of its timeline.
 */
public enum TimelineStep {
    CONTACTED, SUBMITTED, REVIEWED, NOTIFIED, SETTLED, EVIDENCE_ADDED
}
