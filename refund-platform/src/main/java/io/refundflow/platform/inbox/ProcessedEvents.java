package io.refundflow.platform.inbox;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a consumer idempotent on the CloudEvents id: call {@link #firstDelivery} in the same transaction
 * as the effect of the event, and act only when it returns true. A redelivered or duplicated event then
 * finds its id already recorded and changes nothing.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean firstDelivery(String eventId) {
        return jdbc.update("insert into processed_event (event_id) values (?) on conflict do nothing", eventId) == 1;
    }
}
