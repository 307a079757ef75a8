package io.refundflow.events;

/** Usage status of an {@link ProductKind#IMAGE} order. */
public enum ImageUsage {
    UNUSED, IN_USE
}
