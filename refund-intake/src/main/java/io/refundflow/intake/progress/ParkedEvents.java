package io.refundflow.intake.progress;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.jdbc.TextArrays;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
        parkAll(List.of(event), payload -> refundId);
    }

    /**
     * Holds these events, in one statement, in the consumer's transaction (a redelivery of one already held
     * changes nothing). Each is held a microsecond after the one before it, the resolution of a PostgreSQL
     * timestamp, so that the events of one refund held in one poll are applied in the order they arrived.
     */
    <T> void parkAll(List<EventEnvelope<T>> events, Function<? super T, String> refundId) {
        if (events.isEmpty()) {
            return;
        }
        List<EncodedEvent> encoded = events.stream().map(codec::encode).toList();
        Instant now = clock.instant();
        Set<String> held = Set.copyOf(jdbc.query(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    insert into parked_event (event_id, refund_id, topic, headers, payload, parked_at, expires_at)
                    select e.event_id, e.refund_id, e.topic, e.headers::jsonb, e.payload,
                           ?::timestamptz + (e.n - 1) * interval '1 microsecond',
                           ?::timestamptz + (e.n - 1) * interval '1 microsecond'
                      from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                           with ordinality as e(event_id, refund_id, topic, headers, payload, n)
                     order by e.n
                    on conflict (event_id) do nothing returning event_id""");
            insert.setTimestamp(1, Timestamp.from(now));
            insert.setTimestamp(2, Timestamp.from(now.plus(holdFor)));
            insert.setArray(3, TextArrays.column(insert, events, EventEnvelope::id));
            insert.setArray(4, TextArrays.column(insert, events, event -> refundId.apply(event.data())));
            insert.setArray(5, TextArrays.column(insert, encoded, EncodedEvent::topic));
            insert.setArray(6, TextArrays.column(insert, encoded,
                    event -> codec.mapper().writeValueAsString(event.headers())));
            insert.setArray(7, TextArrays.column(insert, encoded,
                    event -> new String(event.payload(), StandardCharsets.UTF_8)));
            return insert;
        }, (row, i) -> row.getString(1)));
        for (EventEnvelope<T> event : events) {
            String refund = refundId.apply(event.data());
            try (var ignored = MDC.putCloseable("refundId", refund)) {
                if (held.contains(event.id())) {
                    log.info("{} {} from {} is about refund {}, unknown here yet: held until its request arrives,"
                            + " at most until {}", event.type().ceType(), event.id(), event.topic(), refund,
                            now.plus(holdFor));
                } else {
                    log.info("{} {} for refund {} is already held, redelivery ignored", event.type().ceType(),
                            event.id(), refund);
                }
            }
        }
    }

    EventEnvelope<?> decode(Parked parked) {
        return codec.decode(parked.topic(), parked.headers(), parked.payload());
    }

    /** The refunds' held events, oldest first, locked for this transaction (skipping any another one holds). */
    List<Parked> lockFor(Collection<String> refundIds) {
        return jdbc.query("""
                select * from parked_event where refund_id = any(?) order by parked_at, event_id
                for update skip locked""", rows(), (Object) refundIds.toArray(String[]::new));
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
