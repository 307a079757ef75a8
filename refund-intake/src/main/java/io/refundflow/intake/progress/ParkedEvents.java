package io.refundflow.intake.progress;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.intake.settings.IntakeProperties;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * Events held because they arrived before the refund they refer to (table {@code parked_event}), kept as they
 * were consumed: CloudEvents headers and JSON payload.
 */
@Repository
class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final Clock clock;
    private final Duration holdFor;

    ParkedEvents(JdbcTemplate jdbc, EventCodec codec, Clock clock, IntakeProperties properties) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.clock = clock;
        this.holdFor = properties.parking().holdFor();
    }

    /** One held event, as it arrived on {@code topic}. */
    record Parked(String eventId, String refundId, String topic, Map<String, String> headers, byte[] payload,
            Instant parkedAt) {
    }

    /** Holds the event (a redelivery of one already held changes nothing); in the consumer's transaction. */
    void park(EventEnvelope<?> event, String refundId) {
        EncodedEvent encoded = codec.encode(event);
        String topic = encoded.topic();
        Instant now = clock.instant();
        int parked = jdbc.update("""
                insert into parked_event (event_id, refund_id, topic, headers, payload, parked_at, expires_at)
                values (?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (event_id) do nothing""",
                event.id(), refundId, topic, codec.mapper().writeValueAsString(encoded.headers()),
                new String(encoded.payload(), StandardCharsets.UTF_8), Timestamp.from(now),
                Timestamp.from(now.plus(holdFor)));
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            if (parked == 1) {
                log.info("{} {} from {} is about refund {}, unknown here yet: held until its request arrives, at"
                        + " most until {}", event.type().ceType(), event.id(), topic, refundId, now.plus(holdFor));
            } else {
                log.info("{} {} for refund {} is already held, redelivery ignored", event.type().ceType(), event.id(),
                        refundId);
            }
        }
    }

    EventEnvelope<?> decode(Parked parked) {
        return codec.decode(parked.topic(), parked.headers(), parked.payload());
    }

    /** The refund's held events, oldest first, locked for this transaction (skipping any another one holds). */
    List<Parked> lockFor(String refundId) {
        return jdbc.query("""
                select * from parked_event where refund_id = ? order by parked_at, event_id
                for update skip locked""", rows(), refundId);
    }

    /** Held events whose time is up, locked for this transaction (skipping any another one holds). */
    List<Parked> lockExpired(int limit) {
        return jdbc.query("""
                select * from parked_event where expires_at <= ? order by expires_at, event_id limit ?
                for update skip locked""", rows(), Timestamp.from(clock.instant()), limit);
    }

    /**
     * Refund ids with held events whose submission exists by now, those held longest first. Only these: held
     * settlements of billing's own refunds never become known and must not crowd out the others.
     */
    List<String> knownRefundIds(int limit) {
        return jdbc.queryForList("""
                select p.refund_id from parked_event p
                 where exists (select 1 from submission s where s.refund_id = p.refund_id)
                 group by p.refund_id order by min(p.parked_at) limit ?""", String.class, limit);
    }

    void release(Parked parked) {
        jdbc.update("delete from parked_event where event_id = ?", parked.eventId());
    }

    private RowMapper<Parked> rows() {
        return (rs, row) -> new Parked(rs.getString("event_id"), rs.getString("refund_id"), rs.getString("topic"),
                codec.mapper().readValue(rs.getString("headers"), HEADERS),
                rs.getString("payload").getBytes(StandardCharsets.UTF_8), rs.getTimestamp("parked_at").toInstant());
    }
}
