package io.refundflow.intake.progress;

/** The cause of a dead-lettered event: the refund it refers to never became known to refund-intake. */
class UnknownRefundException extends RuntimeException {

    UnknownRefundException(String message) {
        super(message);
    }
}
