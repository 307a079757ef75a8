package io.refundflow.evaluator.tryout;

/** A dry-run body that cannot be evaluated; the message names the element and the field. */
public class InvalidDryRunInputException extends RuntimeException {

    public InvalidDryRunInputException(String message) {
        super(message);
    }

    public InvalidDryRunInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
