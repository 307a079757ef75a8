/**
 * Consuming decision events: the listener, and the recorder that renders the email a decision calls for and
 * records it once per event, addressed to the billing copy's customer or the ops mailbox. {@code sending}
 * sends what is recorded here.
 */
package io.refundflow.notifier.decisions;
