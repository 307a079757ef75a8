package io.refundflow.platform.kafka;

import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listener error handler every service uses. Dead letters go to {@code <topic>.DLT}, keyed like the
 * original so one refund's dead letters stay together, with Spring Kafka's {@code kafka_dlt-*} headers
 * naming the original topic, partition, offset and the exception with its message.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<Object, Object> template, RetryProperties retry) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setExceptionHeadersCreator(DeadLetters::describeCause);
        DefaultErrorHandler handler = new ByKindOfFailure(recoverer, limited(retry));
        handler.addNotRetryableExceptions(InvalidEventException.class, DeserializationException.class);
        // a record that fails another way than before starts the retries of the new way (ByKindOfFailure)
        handler.setResetStateOnExceptionChange(true);
        BackOff untilItWorks = unlimited(retry);
        handler.setBackOffFunction((record, exception) -> isOutage(exception) ? untilItWorks : null);
        return handler;
    }

    /**
     * Spring Kafka keeps a failed record's retries going (their back-off, their budget) until the record fails
     * with an exception of another class. For a batch listener that class is the one of the
     * {@link BatchListenerFailedException} naming the record, never its cause's: a decision that first failed
     * because billing's copy did not hold its order yet kept that retry budget once it was refused as forged, and
     * one that first failed in a database outage was retried without end however it failed later, holding up
     * every record behind it. So this handler shows Spring Kafka a batch listener's failure as one class per
     * kind of failure ({@link KindOfFailure}): when a record fails another kind of way, its retries start anew
     * as that kind's, and a refusal is dead-lettered at once whatever failed before it.
     */
    private static final class ByKindOfFailure extends DefaultErrorHandler {

        ByKindOfFailure(DeadLetterPublishingRecoverer recoverer, BackOff backOff) {
            super(recoverer, backOff);
        }

        @Override
        public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
                MessageListenerContainer container, Runnable invokeListener) {
            super.handleBatch(byKind(thrownException), data, consumer, container, invokeListener);
        }

        @Override
        public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrownException,
                ConsumerRecords<?, ?> data, Consumer<?, ?> consumer, MessageListenerContainer container,
                Runnable invokeListener) {
            return super.handleBatchAndReturnRemaining(byKind(thrownException), data, consumer, container,
                    invokeListener);
        }

        /** The batch listener's failure as its kind; a failure that names no record stays as it is. */
        private Exception byKind(Exception thrownException) {
            BatchListenerFailedException failed = namedRecord(thrownException);
            if (failed == null || failed instanceof KindOfFailure) {
                return thrownException;
            }
            if (!getExceptionMatcher().match(failed)) {
                return new Refused(failed);
            }
            return isOutage(failed) ? new InOutage(failed) : new Retried(failed);
        }

        private static BatchListenerFailedException namedRecord(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t instanceof BatchListenerFailedException failed) {
                    return failed;
                }
            }
            return null;
        }
    }

    /**
     * A batch listener's failed record, by what its failure calls for. It names the record as the listener's
     * exception did and keeps that exception as its cause, so the classification, the back-off and the
     * dead letter's headers see the same failure.
     */
    private abstract static sealed class KindOfFailure extends BatchListenerFailedException
            permits Refused, InOutage, Retried {

        private static final long serialVersionUID = 1L;

        private final transient ConsumerRecord<?, ?> record;

        KindOfFailure(String kind, BatchListenerFailedException failed) {
            super(kind, failed, failed.getIndex());
            this.record = failed.getRecord();
        }

        @Override
        public ConsumerRecord<?, ?> getRecord() {
            return record;
        }
    }

    /** No retry mends it (a contract violation, an unreadable record): dead-lettered at once. */
    private static final class Refused extends KindOfFailure {

        private static final long serialVersionUID = 1L;

        Refused(BatchListenerFailedException failed) {
            super("refused, dead-lettered at once", failed);
        }
    }

    /** The database is away: retried until it is back. */
    private static final class InOutage extends KindOfFailure {

        private static final long serialVersionUID = 1L;

        InOutage(BatchListenerFailedException failed) {
            super("failed in an outage, retried until it ends", failed);
        }
    }

    /** Any other failure: retried for the budget, then dead-lettered. */
    private static final class Retried extends KindOfFailure {

        private static final long serialVersionUID = 1L;

        Retried(BatchListenerFailedException failed) {
            super("failed, retried for its budget", failed);
        }
    }

    /**
     * Spring Kafka's own headers would say only "failed to deserialize" for a contract violation (it
     * unwraps listener wrappers, not the deserializer's); name the violation, or the processing failure,
     * instead (of a batch listener too: its failure names the record inside a {@link BatchListenerFailedException}).
     */
    private static void describeCause(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
        Throwable cause = reportedCause(exception);
        HeaderNames.ExceptionInfo info = names.getExceptionInfo();
        put(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), cause.getClass().getName());
        put(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), String.valueOf(cause.getMessage()));
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        put(headers, isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(), trace.toString());
    }

    private static Throwable reportedCause(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException) {
                return t;
            }
        }
        Throwable unwrapped = exception;
        while ((unwrapped instanceof ListenerExecutionFailedException
                || unwrapped instanceof BatchListenerFailedException) && unwrapped.getCause() != null) {
            unwrapped = unwrapped.getCause();
        }
        return unwrapped;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isOutage(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    private static BackOff limited(RetryProperties retry) {
        ExponentialBackOff backOff = unlimited(retry);
        backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        return backOff;
    }

    private static ExponentialBackOff unlimited(RetryProperties retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }
}
