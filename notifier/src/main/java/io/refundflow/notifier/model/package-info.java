/**
 * The notifier's values: an email to send ({@link io.refundflow.notifier.model.EmailDelivery}) and its
 * {@link io.refundflow.notifier.model.DeliveryStatus}, who it goes to, and an email whose sending is unconfirmed.
 * Plain Java: no Spring, JDBC or Kafka (the architecture test keeps it so); {@code sending} stores and sends
 * them. {@code RetrySchedule} stays in {@code sending} because it reads the Spring-bound retry settings.
 */
package io.refundflow.notifier.model;
