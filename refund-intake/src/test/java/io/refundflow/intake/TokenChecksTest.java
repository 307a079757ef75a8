package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.refundflow.platform.security.JwtProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A correctly signed token is still refused when it never expires, was minted for another audience or by
 * another issuer (the test profile configures the issuer {@value #ISSUER}).
 */
@IntakeTest
class TokenChecksTest {

    private static final String ISSUER = "refundflow-test";

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aTokenWithEveryClaimRightIsAccepted() {
        assertThat(api.get(token(claims -> claims), "/api/cases").status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Api.Response response = api.get(token(claims -> claims.expirationTime(null)), "/api/cases");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).contains("exp");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        Api.Response response = api.get(token(claims -> claims.audience("another-system")), "/api/cases");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).contains("aud");
    }

    @Test
    void aTokenWithoutAudienceIsRefused() {
        Api.Response response = api.get(token(claims -> claims.audience((String) null)), "/api/cases");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).contains("aud");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        Api.Response response = api.get(token(claims -> claims.issuer("someone-else")), "/api/cases");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).contains("iss");
    }

    /** A customer token as the service expects it, changed by {@code edit}, signed with the tests' key. */
    private static String token(UnaryOperator<JWTClaimsSet.Builder> edit) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("c-token-checks")
                .claim("roles", List.of("customer"))
                .issuer(ISSUER)
                .audience(JwtProperties.DEFAULT_AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), edit.apply(claims).build());
        try {
            jwt.sign(new MACSigner(JwtProperties.DEV_SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
