package io.refundflow.events;

public enum RequestKind {
    REFUND, EXCHANGE
}
