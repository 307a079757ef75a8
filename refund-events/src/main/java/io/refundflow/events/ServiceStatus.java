package io.refundflow.events;

/** Delivery status of a {@link ProductKind#SERVICE} order. */
public enum ServiceStatus {
    IN_PROGRESS, COMPLETED
}
