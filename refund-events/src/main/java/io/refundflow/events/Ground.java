package io.refundflow.events;

/** Why the customer asks: the no-reason guarantee, or one of the server claim grounds. */
public enum Ground {
    UNSATISFIED, QUALITY_ISSUE, NOT_AS_PROMISED, FORCE_MAJEURE
}
