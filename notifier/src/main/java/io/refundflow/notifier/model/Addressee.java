package io.refundflow.notifier.model;

/** Who an email goes to: the customer and address the billing copy holds (or the ops mailbox), and the language. */
public record Addressee(String customerId, String email, String locale) {
}
