package io.refundflow.notifier.decisions;

/**
 * A decision names a customer address for an order the billing copy does not hold (yet): there is no trusted
 * address to compare it with. Not a contract violation, so the platform's error handler retries it for its
 * budget ({@code refund.kafka.retry.max-elapsed}), which covers billing.orders being read a moment after the
 * decision; a decision whose order never arrives is then dead-lettered with this cause.
 */
class UnknownOrderException extends RuntimeException {

    UnknownOrderException(String message) {
        super(message);
    }
}
