package io.refundflow.intake.cases;

/** The four steps of the flow, as shown on a case's timeline. */
public enum TimelineStep {
    CONTACTED, SUBMITTED, REVIEWED, NOTIFIED
}
