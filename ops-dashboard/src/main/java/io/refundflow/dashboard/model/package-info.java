/**
 * The dashboard's model: what it knows of an order's money from the topics alone
 * ({@link io.refundflow.dashboard.model.OrderMoney}: paid, approved, settled, released, and whether this system
 * promised more than was paid). Plain Java: no Spring, JDBC or Kafka (the architecture test keeps it so); the
 * {@code money} feature feeds it from the topics and answers with its totals.
 */
package io.refundflow.dashboard.model;
