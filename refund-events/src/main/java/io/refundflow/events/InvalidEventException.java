package io.refundflow.events;

import org.apache.kafka.common.errors.SerializationException;

/**
 * An event that breaks its contract: missing CloudEvents headers, malformed JSON, or a payload that
 * violates its schema. The message names the header or field and the reason; consumers dead-letter
 * such events instead of retrying them.
 */
public class InvalidEventException extends SerializationException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
