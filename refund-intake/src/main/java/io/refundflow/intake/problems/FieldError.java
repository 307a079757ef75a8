package io.refundflow.intake.problems;

/** One offending input of a refused request: the field (or header, part, parameter) and why. */
public record FieldError(String field, String reason) {
}
