package io.refundflow.events;

public enum NotificationStatus {
    SENT, FAILED
}
