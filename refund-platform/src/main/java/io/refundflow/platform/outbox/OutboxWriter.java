package io.refundflow.platform.outbox;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the caller's database transaction. The event becomes visible to the relay
 * exactly when the state change that caused it commits, and never if it rolls back.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final JsonMapper json;
    private final OutboxRelay relay;

    public OutboxWriter(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.json = codec.mapper();
        this.relay = relay;
    }

    public void append(EventEnvelope<?> event) {
        append(codec.encode(event));
    }

    public void append(EncodedEvent event) {
        appendEncoded(List.of(event));
    }

    /** Records several events in one statement, in their order. */
    public void appendAll(List<? extends EventEnvelope<?>> events) {
        appendEncoded(events.stream().map(codec::encode).toList());
    }

    private void appendEncoded(List<EncodedEvent> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the outbox must be written inside the transaction of the change");
        }
        if (events.isEmpty()) {
            return;
        }
        // One statement however many events: unnest keeps their order, and so do the ids the relay sends them by.
        jdbc.update("""
                insert into outbox_event (topic, msg_key, event_id, event_type, headers, payload)
                select topic, msg_key, event_id, event_type, headers::jsonb, payload
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                    as e(topic, msg_key, event_id, event_type, headers, payload, position)
                order by position""",
                events.stream().map(EncodedEvent::topic).toArray(String[]::new),
                events.stream().map(EncodedEvent::key).toArray(String[]::new),
                events.stream().map(EncodedEvent::eventId).toArray(String[]::new),
                events.stream().map(event -> event.headers().get("ce_type")).toArray(String[]::new),
                events.stream().map(event -> json.writeValueAsString(event.headers())).toArray(String[]::new),
                events.stream().map(event -> new String(event.payload(), StandardCharsets.UTF_8))
                        .toArray(String[]::new));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp(events.size());
            }
        });
    }
}
