/**
 * Sending recorded emails over SMTP: the stored deliveries and their claims, the sender with its lanes and
 * batches, retries and dead letters, and the unconfirmed emails the ops API lists and resends.
 */
package io.refundflow.notifier.sending;
