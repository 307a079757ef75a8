package io.refundflow.notifier.sending;

/**
 * The connection failed after the whole message went to the server, without the server's answer to the end
 * of DATA (a time-out, the connection lost): the server may have accepted the email. Resending it could
 * duplicate it, so it is not retried automatically.
 */
final class UnconfirmedDeliveryException extends Exception {

    UnconfirmedDeliveryException(Exception cause) {
        super("no answer from the mail server after the message was sent; it may have been delivered", cause);
    }
}
