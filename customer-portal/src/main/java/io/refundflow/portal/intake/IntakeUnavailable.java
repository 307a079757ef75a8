package io.refundflow.portal.intake;

/** refund-intake did not answer (down, or too slow): nothing was done, the customer may try again. */
public final class IntakeUnavailable extends RuntimeException {

    public IntakeUnavailable(Throwable cause) {
        super("refund-intake did not answer", cause);
    }
}
