package io.refundflow.platform.kafka;

import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, limited(retry));
        handler.addNotRetryableExceptions(InvalidEventException.class, DeserializationException.class);
        BackOff untilItWorks = unlimited(retry);
        handler.setBackOffFunction((record, exception) -> isOutage(exception) ? untilItWorks : null);
        return handler;
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
