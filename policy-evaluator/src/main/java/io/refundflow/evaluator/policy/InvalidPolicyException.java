package io.refundflow.evaluator.policy;

/**
 * A policy file that cannot be trusted to decide money: malformed YAML, wrong types, or rules that
 * contradict each other. The message names the source and the line or the rule id.
 */
public class InvalidPolicyException extends RuntimeException {

    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
