/**
 * The refund policy as data. {@link io.refundflow.evaluator.policy.PolicyLoader} reads and checks a
 * policy file (YAML; the shipped one is {@code policy/refund-policy.yaml}, whose header documents the
 * rule vocabulary), and {@link io.refundflow.evaluator.policy.PolicyEngine} decides a request from
 * {@link io.refundflow.evaluator.policy.OrderFacts} and {@link io.refundflow.evaluator.policy.RequestFacts}
 * into a {@link io.refundflow.evaluator.policy.Verdict}. No Spring, Kafka or database here: the service
 * wires these in, so the policy can be tested and dry-run on its own.
 */
package io.refundflow.evaluator.policy;
