package io.refundflow.notifier.decisions;

import io.refundflow.notifier.model.Addressee;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whom a decision's email is for ({@link Addressees}): an addressee, or a refusal of the decision. */
sealed interface Addressing {

    /** The addressee; a refusal is thrown, flagged in the log first when the decision names a forged recipient. */
    Addressee addressee();

    /** The email goes to this addressee. */
    record To(Addressee addressee) implements Addressing {
    }

    /**
     * The decision is refused: {@code cause} is what the platform dead-letters (or, for an order billing has not
     * sent yet, retries) it with.
     *
     * @param forged whether the decision names a recipient the evaluator never would: flagged when refused
     */
    record Refused(RuntimeException cause, boolean forged) implements Addressing {

        private static final Logger log = LoggerFactory.getLogger(Addressees.class);

        @Override
        public Addressee addressee() {
            if (forged) {
                log.warn("FORGED RECIPIENT flagged, decision refused: {}", cause.getMessage());
            }
            throw cause;
        }
    }
}
