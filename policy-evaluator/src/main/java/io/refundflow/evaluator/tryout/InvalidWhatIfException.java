package io.refundflow.evaluator.tryout;

/**
 * A what-if body that cannot be run, naming the field at fault; {@link WhatIfController} answers it as a 400
 * problem about that field.
 */
class InvalidWhatIfException extends RuntimeException {

    private final String field;

    InvalidWhatIfException(String field, String reason) {
        super("field " + field + ": " + reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
