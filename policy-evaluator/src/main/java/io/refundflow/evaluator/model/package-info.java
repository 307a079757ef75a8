/**
 * The evaluator's model besides the policy: an order's ledger
 * ({@link io.refundflow.evaluator.model.LedgerView}, what is paid, settled, reserved and still refundable) and
 * its entries. Plain Java: no Spring, JDBC or Kafka (the architecture test keeps it so); {@code ledger} stores
 * it, {@code decide} and {@code review} read it.
 */
package io.refundflow.evaluator.model;
