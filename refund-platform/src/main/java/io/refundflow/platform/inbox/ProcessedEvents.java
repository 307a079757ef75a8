package io.refundflow.platform.inbox;

import io.refundflow.events.EventEnvelope;
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

    public boolean firstDelivery(String eventId) {
        return jdbc.update("insert into processed_event (event_id) values (?) on conflict do nothing", eventId) == 1;
    }
}
