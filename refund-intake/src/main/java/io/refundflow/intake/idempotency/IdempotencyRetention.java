package io.refundflow.intake.idempotency;

import io.refundflow.platform.retention.RetentionRule;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stored answers are kept for their key's lifetime ({@code refund.intake.idempotency.ttl}), written into each row
 * as {@code expires_at} when the key was claimed: the platform's retention sweep deletes a row once that has
 * passed, in bounded batches (index {@code idempotency_key_expiry}). Until then a retry with the key replays the
 * first answer; afterwards the key is free anyway ({@link IdempotencyKeys#claim} treats an expired row as absent).
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyRetention {

    @Bean
    RetentionRule idempotencyKeyRetention() {
        return new RetentionRule("idempotency_key", "expires_at", Duration.ZERO);
    }
}
