/**
 * Trying a policy without deciding anything. The dry run tries one request against a policy, through the
 * endpoint ({@link io.refundflow.evaluator.tryout.DryRunController}, the running policy) or the command line
 * ({@link io.refundflow.evaluator.tryout.DryRunCli}, a policy file); both use the same JSON rules and mapping to
 * the policy's facts ({@link io.refundflow.evaluator.tryout.DryRunCommand},
 * {@link io.refundflow.evaluator.tryout.DryRunMapping}). The what-if
 * ({@link io.refundflow.evaluator.tryout.WhatIfService}) replays the decisions already taken through the current
 * and a candidate policy and compares their answers.
 *
 * <p>The root package starts the command line, so nothing here uses the root: the what-if reads stored
 * decisions through {@link io.refundflow.evaluator.model.DecisionHistory} (implemented by {@code decide}) and
 * gets its limits handed in as {@link io.refundflow.evaluator.tryout.WhatIfLimits}. Only the controllers and the
 * what-if's service are Spring beans; the rest is plain Java (the architecture test keeps it so).
 */
package io.refundflow.evaluator.tryout;
