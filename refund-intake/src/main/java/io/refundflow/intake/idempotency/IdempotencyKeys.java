package io.refundflow.intake.idempotency;

import io.refundflow.intake.IntakeProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys in PostgreSQL, per caller. Each statement runs in its own (auto-commit) transaction,
 * outside the request's business transaction: the key is claimed before the request runs, so a concurrent
 * duplicate finds it claimed; it is completed with the response, or released when the request failed.
 */
@Repository
class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final Duration abandonedAfter;

    IdempotencyKeys(JdbcTemplate jdbc, Clock clock, IntakeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = properties.idempotency().ttl();
        this.abandonedAfter = properties.idempotency().abandonedAfter();
    }

    /** The response stored for a completed key. */
    record StoredResponse(int status, String contentType, String location, byte[] body) {
    }

    sealed interface Claim permits Claimed, Replay, Mismatch, InProgress {
    }

    record Claimed() implements Claim {
    }

    record Replay(StoredResponse response) implements Claim {
    }

    record Mismatch() implements Claim {
    }

    record InProgress() implements Claim {
    }

    Claim claim(String caller, String key, String fingerprint) {
        Instant now = clock.instant();
        jdbc.update("delete from idempotency_key where caller = ? and idem_key = ? and expires_at <= ?", caller, key,
                Timestamp.from(now));
        int inserted = jdbc.update("""
                insert into idempotency_key (caller, idem_key, fingerprint, created_at, expires_at)
                values (?, ?, ?, ?, ?) on conflict do nothing""",
                caller, key, fingerprint, Timestamp.from(now), Timestamp.from(now.plus(ttl)));
        if (inserted == 1) {
            return new Claimed();
        }
        Optional<Row> existing = jdbc.query("""
                select fingerprint, status, content_type, location, body, created_at from idempotency_key
                where caller = ? and idem_key = ?""",
                (rs, row) -> new Row(rs.getString("fingerprint"), (Integer) rs.getObject("status"),
                        rs.getString("content_type"), rs.getString("location"), rs.getBytes("body"),
                        rs.getTimestamp("created_at").toInstant()), caller, key)
                .stream().findFirst();
        if (existing.isEmpty()) {
            return claim(caller, key, fingerprint); // released meanwhile: try again
        }
        Row row = existing.get();
        if (!row.fingerprint().equals(fingerprint)) {
            return new Mismatch();
        }
        if (row.status() == null) {
            return row.createdAt().isBefore(now.minus(abandonedAfter)) && takeOver(caller, key, row, now)
                    ? new Claimed() : new InProgress();
        }
        return new Replay(new StoredResponse(row.status(), row.contentType(), row.location(), row.body()));
    }

    /** Takes over a claim whose request never answered (it died, or the database went away before release). */
    private boolean takeOver(String caller, String key, Row abandoned, Instant now) {
        int taken = jdbc.update("""
                update idempotency_key set created_at = ?, expires_at = ?
                where caller = ? and idem_key = ? and status is null and created_at = ?""",
                Timestamp.from(now), Timestamp.from(now.plus(ttl)), caller, key, Timestamp.from(abandoned.createdAt()));
        if (taken == 1) {
            log.warn("idempotency key {} was claimed at {} and never answered: taken over by its retry", key,
                    abandoned.createdAt());
        }
        return taken == 1;
    }

    void complete(String caller, String key, StoredResponse response) {
        jdbc.update("""
                update idempotency_key set status = ?, content_type = ?, location = ?, body = ?
                where caller = ? and idem_key = ?""",
                response.status(), response.contentType(), response.location(), response.body(), caller, key);
    }

    void release(String caller, String key) {
        jdbc.update("delete from idempotency_key where caller = ? and idem_key = ? and status is null", caller, key);
    }

    @Scheduled(fixedDelayString = "${refund.intake.idempotency.purge-interval:10m}")
    void purgeExpired() {
        int purged = jdbc.update("delete from idempotency_key where expires_at <= ?", Timestamp.from(clock.instant()));
        if (purged > 0) {
            log.info("purged {} expired idempotency keys", purged);
        }
    }

    private record Row(String fingerprint, Integer status, String contentType, String location, byte[] body,
            Instant createdAt) {
    }
}
