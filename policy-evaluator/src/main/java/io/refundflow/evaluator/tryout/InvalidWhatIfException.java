package io.refundflow.evaluator.tryout;

import io.refundflow.platform.web.problems.InvalidField;

/**
 * A what-if body that cannot be run, naming the field at fault; {@link WhatIfController} answers it in the
 * platform's one problem shape, the field in {@code errors}.
 */
class InvalidWhatIfException extends RuntimeException {

    private final InvalidField error;

    InvalidWhatIfException(String field, String reason) {
        super("field " + field + ": " + reason);
        this.error = new InvalidField(field, reason);
    }

    InvalidField error() {
        return error;
    }
}
