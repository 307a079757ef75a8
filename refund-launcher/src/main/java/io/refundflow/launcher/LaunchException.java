package io.refundflow.launcher;

/** Something the person starting the system can fix; printed as a message, never as a stack trace. */
public final class LaunchException extends RuntimeException {

    public LaunchException(String message) {
        super(message);
    }
}
