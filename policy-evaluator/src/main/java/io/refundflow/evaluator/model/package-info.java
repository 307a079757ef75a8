/**
 * The evaluator's model besides the policy: an order's ledger
 * ({@link io.refundflow.evaluator.model.LedgerView}, what is paid, settled, reserved and still refundable) and
 * its entries, and a decision as stored ({@link io.refundflow.evaluator.model.StoredDecision}, with its outcome
 * and basis, read back through {@link io.refundflow.evaluator.model.DecisionHistory}). Plain Java: no Spring, JDBC
 * or Kafka (the architecture test keeps it so); {@code ledger} and {@code decide} store it, {@code decide},
 * {@code review} and {@code tryout} read it.
 */
package io.refundflow.evaluator.model;
