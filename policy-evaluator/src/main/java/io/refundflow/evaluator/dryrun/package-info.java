/**
 * The dry run: one request tried against a policy without deciding anything, through the endpoint
 * ({@link io.refundflow.evaluator.dryrun.DryRunController}, the running policy) or the command line
 * ({@link io.refundflow.evaluator.dryrun.DryRunCli}, a policy file). Both use the same JSON rules and mapping to
 * the policy's facts ({@link io.refundflow.evaluator.dryrun.DryRunCommand},
 * {@link io.refundflow.evaluator.dryrun.DryRunMapping}), which are plain Java: only the controller is a Spring
 * bean (the architecture test keeps it so). Trying a candidate policy over the decisions already taken is
 * {@code whatif}, which uses this package's answer; it stays apart because it reads stored decisions, and the
 * root package, which starts this package's command line, must not reach back to them.
 */
package io.refundflow.evaluator.dryrun;
