package io.refundflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A verified token is verified once until its exp; a token that differs in any way, or was refused, is verified
 * every time. The real HS256 decoder does the verifying; the test counts how often it is asked.
 */
class CachingJwtDecoderTest {

    private static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final MovableClock clock = new MovableClock(Instant.now());
    private final DemoTokens tokens = new DemoTokens(SECRET.getBytes(), null, LIFETIME, clock);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder decoder = new CachingJwtDecoder(counting(), 100, clock);

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        String token = tokens.customer("c-cache");

        assertThat(decoder.decode(token).getSubject()).isEqualTo("c-cache");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("c-cache");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsVerifiedAndRefusedEveryTime() {
        String forged = tokens.customer("c-cache") + "x";

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aForgedTokenThatCollidesWithAVerifiedOneUnderAWeakHashIsStillRefused() {
        // given a verified token, and a forgery of it with the same String.hashCode (two adjacent characters a, b
        // changed to a+1, b-31 keep 31*a+b) in its signature
        String token = tokens.customer("c-cache");
        decoder.decode(token);
        String forged = sameHashCode(token);
        assertThat(forged).isNotEqualTo(token).hasSameHashCodeAs(token);

        // then the forgery is verified on its own, and refused
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenIsVerifiedAgainOnceItsExpHasPassed() {
        String token = tokens.customer("c-cache");
        decoder.decode(token);

        // past its exp by this test's clock; the real decoder checks against the system clock and still accepts it,
        // so what the count shows is that the remembered answer was not served
        clock.move(LIFETIME.plusSeconds(1));
        decoder.decode(token);

        assertThat(verifications).hasValue(2);
    }

    private JwtDecoder counting() {
        NimbusJwtDecoder real = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(SECRET.getBytes(), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        return token -> {
            verifications.incrementAndGet();
            return real.decode(token);
        };
    }

    private static String sameHashCode(String token) {
        int signature = token.lastIndexOf('.') + 1;
        char[] chars = token.toCharArray();
        for (int i = signature; i < chars.length - 1; i++) {
            char first = (char) (chars[i] + 1);
            char second = (char) (chars[i + 1] - 31);
            if (base64url(chars[i]) && base64url(first) && base64url(second)) {
                chars[i] = first;
                chars[i + 1] = second;
                return new String(chars);
            }
        }
        throw new IllegalStateException("no pair to change in " + token);
    }

    private static boolean base64url(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_';
    }

    /** A clock the test moves on. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
