package io.refundflow.events;

/** Where the outcome is emailed: the address the billing system holds for the order's customer. */
public record Recipient(String customerId, String email, String locale) {
}
