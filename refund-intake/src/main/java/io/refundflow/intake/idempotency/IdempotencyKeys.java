package io.refundflow.intake.idempotency;

import io.refundflow.intake.settings.IntakeProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys in PostgreSQL, per caller, claimed and completed in the request's own transaction: the key
 * row is inserted before the request runs, so a concurrent duplicate's insert waits on it (the primary key) and
 * then finds it answered, or free when the first request rolled back; it is completed with the response and
 * committed with the request's work, or rolled back with it. Expired keys are deleted by the platform's retention
 * sweep ({@link IdempotencyRetention}).
 */
@Repository
class IdempotencyKeys {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration ttl;

    IdempotencyKeys(JdbcTemplate jdbc, Clock clock, IntakeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = properties.idempotency().ttl();
    }

    /** The response stored for a completed key. */
    record StoredResponse(int status, String contentType, String location, byte[] body) {
    }

    sealed interface Claim permits Claimed, Replay, Mismatch {
    }

    record Claimed() implements Claim {
    }

    record Replay(StoredResponse response) implements Claim {
    }

    record Mismatch() implements Claim {
    }

    /** Must run in the request's transaction (see the class comment). */
    Claim claim(String caller, String key, String fingerprint) {
        Instant now = clock.instant();
        // one statement: a new key is inserted; an expired one is free again and taken over, as is one without an
        // answer, left by the earlier design, which claimed keys in a transaction of their own (nothing of its
        // request is known to have committed); a live one is left as it is (0 rows), to be replayed or refused
        int inserted = jdbc.update("""
                insert into idempotency_key (caller, idem_key, fingerprint, created_at, expires_at)
                values (?, ?, ?, ?, ?)
                on conflict (caller, idem_key) do update set fingerprint = excluded.fingerprint,
                    created_at = excluded.created_at, expires_at = excluded.expires_at, status = null,
                    content_type = null, location = null, body = null
                where idempotency_key.expires_at <= excluded.created_at or idempotency_key.status is null""",
                caller, key, fingerprint, Timestamp.from(now), Timestamp.from(now.plus(ttl)));
        if (inserted == 1) {
            return new Claimed();
        }
        Row row = jdbc.query("""
                select fingerprint, status, content_type, location, body from idempotency_key
                where caller = ? and idem_key = ?""",
                (rs, n) -> new Row(rs.getString("fingerprint"), rs.getInt("status"), rs.getString("content_type"),
                        rs.getString("location"), rs.getBytes("body")), caller, key)
                .stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("idempotency key " + key + " conflicted but is gone"));
        if (!row.fingerprint().equals(fingerprint)) {
            return new Mismatch();
        }
        return new Replay(new StoredResponse(row.status(), row.contentType(), row.location(), row.body()));
    }

    void complete(String caller, String key, StoredResponse response) {
        jdbc.update("""
                update idempotency_key set status = ?, content_type = ?, location = ?, body = ?
                where caller = ? and idem_key = ?""",
                response.status(), response.contentType(), response.location(), response.body(), caller, key);
    }

    private record Row(String fingerprint, int status, String contentType, String location, byte[] body) {
    }
}
