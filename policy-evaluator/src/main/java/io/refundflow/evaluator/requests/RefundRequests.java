package io.refundflow.evaluator.requests;

import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code refund_request} table: every request accepted for a decision, at most one per refund id. */
@Repository
class RefundRequests {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RefundRequests(JdbcTemplate jdbc, EventCodec codec) {
        this.jdbc = jdbc;
        this.json = codec.mapper();
    }

    /** @return false if a request for this refund id was accepted before (by any event id) */
    boolean insertIfNew(EventEnvelope<?> event, Instant now) {
        return !insertNew(List.of(event), now).isEmpty();
    }

    /**
     * Stores requests in one statement, each event's data a {@link RefundRequested} of its own refund id.
     *
     * @return the refund ids stored now: not those accepted before (by any event id)
     */
    Set<String> insertNew(List<? extends EventEnvelope<?>> events, Instant now) {
        List<RefundRequested> requests = events.stream().map(event -> (RefundRequested) event.data()).toList();
        return new HashSet<>(jdbc.queryForList("""
                insert into refund_request (refund_id, event_id, event_source, order_id, customer_id, payload,
                    received_at)
                select refund_id, event_id, event_source, order_id, customer_id, payload::jsonb, ?
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    as r(refund_id, event_id, event_source, order_id, customer_id, payload)
                on conflict (refund_id) do nothing
                returning refund_id""", String.class, Timestamp.from(now),
                requests.stream().map(RefundRequested::refundId).toArray(String[]::new),
                events.stream().map(EventEnvelope::id).toArray(String[]::new),
                events.stream().map(EventEnvelope::source).toArray(String[]::new),
                requests.stream().map(RefundRequested::orderId).toArray(String[]::new),
                requests.stream().map(RefundRequested::customerId).toArray(String[]::new),
                requests.stream().map(json::writeValueAsString).toArray(String[]::new)));
    }

    Optional<RefundRequested> find(String refundId) {
        return jdbc.query("select payload::text from refund_request where refund_id = ?",
                (rs, i) -> json.readValue(rs.getString(1), RefundRequested.class), refundId).stream().findFirst();
    }
}
