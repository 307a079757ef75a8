package io.refundflow.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies each distinct token once while it is valid: a client sends the same bearer token with request after
 * request, and a request may be checked twice (intake's admission gate, then Spring Security), so the signature
 * and claim checks are paid once per token instead of once per check.
 *
 * <p>Safe because only what the wrapped decoder accepted is remembered, under the SHA-256 of the exact token
 * string: a token that differs in any character is a different key and is verified on its own (a weak hash such
 * as {@link String#hashCode()} would let a forged token that collides with a verified one pass). A refusal is never
 * remembered, so nothing can turn a refused token into an accepted one, and an entry ends no later than the token's
 * {@code exp} (which the validator requires). The cache is bounded; the least useful entries are evicted first.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public CachingJwtDecoder(JwtDecoder verifier, int maxTokens, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfter(untilExpiry()).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = sha256(token);
        Jwt known = verified.getIfPresent(key);
        // checked here too: the cache's own clock is not this one, and a token is never served past its exp
        if (known != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(key, jwt);
        }
        return jwt;
    }

    private Expiry<String, Jwt> untilExpiry() {
        return Expiry.writing((key, jwt) -> {
            Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
            return left.isNegative() ? Duration.ZERO : left;
        });
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
