package io.refundflow.evaluator.requests;

import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
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
    boolean insertIfNew(EventEnvelope<?> event, RefundRequested request, Instant now) {
        return jdbc.update("""
                insert into refund_request (refund_id, event_id, event_source, order_id, customer_id, payload,
                    received_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?)
                on conflict (refund_id) do nothing""",
                request.refundId(), event.id(), event.source(), request.orderId(), request.customerId(),
                json.writeValueAsString(request), Timestamp.from(now)) == 1;
    }

    Optional<RefundRequested> find(String refundId) {
        return jdbc.query("select payload::text from refund_request where refund_id = ?",
                (rs, i) -> json.readValue(rs.getString(1), RefundRequested.class), refundId).stream().findFirst();
    }
}
