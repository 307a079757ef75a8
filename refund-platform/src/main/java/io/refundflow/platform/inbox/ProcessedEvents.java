package io.refundflow.platform.inbox;

import io.refundflow.events.EventEnvelope;
import io.refundflow.platform.jdbc.TextArrays;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a consumer idempotent on the CloudEvents id: call {@link #firstDelivery} in the same transaction
 * as the effect of the event, and act only when it returns true. A redelivered or duplicated event then
 * finds its id already recorded and changes nothing.
 */
public class ProcessedEvents {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** As {@link #firstDelivery(String)}, saying in the log that a repeated delivery is ignored. */
    public boolean firstDelivery(EventEnvelope<?> event) {
        boolean first = firstDelivery(event.id());
        if (!first) {
            log.debug("{} event {} already processed, ignored", event.type().ceType(), event.id());
        }
        return first;
    }

    /**
     * The ids among these that were not processed before, now recorded as processed: one statement for a whole
     * poll. An id given twice counts once.
     */
    public Set<String> firstDeliveries(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        Set<String> distinct = new LinkedHashSet<>(eventIds);
        List<String> first = jdbc.query(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    insert into processed_event (event_id) select unnest(?::text[])
                    on conflict do nothing returning event_id""");
            insert.setArray(1, TextArrays.of(insert, distinct));
            return insert;
        }, (row, i) -> row.getString(1));
        return Set.copyOf(first);
    }

    public boolean firstDelivery(String eventId) {
        return jdbc.update("insert into processed_event (event_id) values (?) on conflict do nothing", eventId) == 1;
    }
}
