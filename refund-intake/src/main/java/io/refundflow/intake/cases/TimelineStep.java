package io.refundflow.intake.cases;

/** The steps of the flow, as shown on a case's timeline; SETTLED is billing paying the refund back (or not). */
public enum TimelineStep {
    CONTACTED, SUBMITTED, REVIEWED, NOTIFIED, SETTLED
}
