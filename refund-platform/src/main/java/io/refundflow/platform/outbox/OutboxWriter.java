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

    /** Records several events in one round trip (a batch), in their order. */
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
        jdbc.batchUpdate("""
                insert into outbox_event (topic, msg_key, event_id, event_type, headers, payload)
                values (?, ?, ?, ?, ?::jsonb, ?)""", events, events.size(), (statement, event) -> {
                    statement.setString(1, event.topic());
                    statement.setString(2, event.key());
                    statement.setString(3, event.eventId());
                    statement.setString(4, event.headers().get("ce_type"));
                    statement.setString(5, json.writeValueAsString(event.headers()));
                    statement.setString(6, new String(event.payload(), StandardCharsets.UTF_8));
                });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
