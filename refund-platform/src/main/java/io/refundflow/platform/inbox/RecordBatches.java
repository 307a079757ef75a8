package io.refundflow.platform.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles the records of one poll in one database transaction: one commit for the batch instead of one per
 * record, which is what a busy listener spends most of its time waiting for. Each record is handled exactly as
 * a record listener would handle it (dedupe on the event id, effect, outbox), in the order of the poll.
 *
 * <p>A record that fails must not sink its batch, nor lose the records before it: when record {@code i} fails,
 * the whole attempt is rolled back, the records before it are handled again in a transaction of their own and
 * committed, and {@link BatchListenerFailedException} names record {@code i} to the platform's error handler.
 * That handler commits the offsets before it and treats record {@code i} as it treats a failed record of a
 * record listener: dead-lettered at once when it breaks the contract, retried until the database is back in
 * an outage, retried a while and then dead-lettered otherwise; the records after it come again with the next
 * poll. A record that could not be read at all (the deserializer's exception in its headers) counts as a
 * failed record. Logs and counters of the records handled again show them twice; their data, once.
 *
 * <p>Services do not call it: the platform hands each topic's polls to it for the topic's {@link EventHandler}
 * ({@link EventHandlers}).
 */
public class RecordBatches {

    /** The listener container factory whose listeners get a poll's records as one list. */
    public static final String CONTAINER_FACTORY = "batchListenerContainerFactory";

    private static final LogAccessor log = new LogAccessor(LogFactory.getLog(RecordBatches.class));

    private final TransactionTemplate transactions;

    public RecordBatches(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /**
     * Handles the whole poll in one call inside one transaction: the fast way, one statement per table for the
     * poll where the handler is set-oriented. Nothing is kept when it fails; the caller then goes record by record
     * ({@link #inOneTransaction}), which finds the record that failed.
     *
     * @param handler   handles the poll's records and says how, one outcome a record, in order
     * @param committed told, once the transaction is committed, how each record of it was handled
     * @return whether the poll was handled and committed; false after a failure, logged at DEBUG, was rolled back
     */
    public <V, O> boolean allAtOnce(List<ConsumerRecord<String, V>> records,
            Function<List<ConsumerRecord<String, V>>, List<O>> handler, Consumer<List<O>> committed) {
        List<O> outcomes;
        try {
            outcomes = transactions.execute(status -> {
                records.forEach(RecordBatches::rejectUnreadable);
                return handler.apply(records);
            });
        } catch (RuntimeException failed) {
            log.debug(failed, () -> "a poll of " + records.size() + " record(s) failed as a whole ("
                    + failed.getMessage() + "); handling them one at a time");
            return false;
        }
        committed.accept(outcomes);
        return true;
    }

    /**
     * @param handler   handles one record inside the batch's transaction and says how; a tombstone (a key without
     *                  value) is handed to it like any other record
     * @param committed told, once the transaction is committed, how each record of it was handled, in order
     * @throws BatchListenerFailedException naming the first record that failed, after the records before it
     *                                      were committed
     */
    public <V, O> void inOneTransaction(List<ConsumerRecord<String, V>> records,
            Function<ConsumerRecord<String, V>, O> handler, Consumer<List<O>> committed) {
        int end = records.size();
        RecordFailed failure = null;
        while (end > 0) {
            List<O> outcomes = new ArrayList<>(end);
            RecordFailed attempt = attempt(records, end, handler, outcomes);
            if (attempt == null) {
                committed.accept(outcomes);
                break;
            }
            failure = attempt;
            end = attempt.index;
        }
        if (failure != null) {
            Throwable cause = failure.getCause();
            throw new BatchListenerFailedException(String.valueOf(cause.getMessage()), cause, failure.index);
        }
    }

    /** Handles {@code records[0, end)} in one transaction; the failure that rolled it back, or null once committed. */
    private <V, O> RecordFailed attempt(List<ConsumerRecord<String, V>> records, int end,
            Function<ConsumerRecord<String, V>, O> handler, List<O> outcomes) {
        try {
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < end; i++) {
                    ConsumerRecord<String, V> record = records.get(i);
                    try {
                        rejectUnreadable(record);
                        outcomes.add(handler.apply(record));
                    } catch (RuntimeException e) {
                        throw new RecordFailed(i, e);
                    }
                }
            });
            return null;
        } catch (RecordFailed failed) {
            return failed;
        } catch (RuntimeException commitFailed) {
            // every record was handled, but the commit did not happen (the database went away): none is kept,
            // so the whole batch comes again from its first record
            return new RecordFailed(0, commitFailed);
        }
    }

    private static void rejectUnreadable(ConsumerRecord<String, ?> record) {
        if (record.value() != null) {
            return;
        }
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
        if (unreadable != null) {
            throw unreadable;
        }
    }

    private static final class RecordFailed extends RuntimeException {

        private final int index;

        RecordFailed(int index, RuntimeException cause) {
            super(cause);
            this.index = index;
        }
    }
}
