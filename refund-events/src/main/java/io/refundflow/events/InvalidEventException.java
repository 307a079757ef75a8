package io.refundflow.events;

import org.apache.kafka.common.errors.SerializationException;

/**
 * An event that breaks its contract: missing CloudEvents headers, malformed JSON, or a payload that
 * violates its schema. The message names the header or field and the reason; consumers dead-letter
 * such events instead of retrying them.
 *
 * <p>Spring Kafka carries this exception to the dead-letter publisher by Java serialization; a cause that
 * cannot be serialized (a parser's exception holds the parser) would lose the whole chain and leave only
 * "failed to deserialize" in the dead letter's headers. So the cause is kept as a serializable copy with
 * its class, message and stack trace.
 */
public class InvalidEventException extends SerializationException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, SerializableCause.of(cause));
    }

    static final class SerializableCause extends RuntimeException {

        private SerializableCause(Throwable original) {
            super(original.getClass().getName() + ": " + original.getMessage());
            setStackTrace(original.getStackTrace());
        }

        static Throwable of(Throwable cause) {
            return cause == null ? null : new SerializableCause(cause);
        }
    }
}
