package io.refundflow.intake.model;

/** How the customer reached support. {@code API} marks cases opened by a request from another producer. */
public enum Channel {
    WEB, PHONE, CHAT, EMAIL, API
}
