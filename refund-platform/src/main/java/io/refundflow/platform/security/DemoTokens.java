package io.refundflow.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Mints HS256 tokens signed with the configured secret, for the demo run and for tests: the customers
 * {@code c-1} and {@code c-2}, an agent and an ops reviewer. Only meaningful with an HMAC secret; a
 * deployment that verifies against a JWKS URI gets its tokens from its identity provider.
 */
public class DemoTokens {

    public static final String CUSTOMER_1 = "c-1";
    public static final String CUSTOMER_2 = "c-2";
    public static final String AGENT = "agent-1";
    public static final String OPS = "ops-1";

    private final byte[] secret;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    /** Tokens for the {@link JwtProperties#DEFAULT_AUDIENCE default audience}. */
    public DemoTokens(byte[] secret, String issuer, Duration ttl, Clock clock) {
        this(secret, issuer, JwtProperties.DEFAULT_AUDIENCE, ttl, clock);
    }

    public DemoTokens(byte[] secret, String issuer, String audience, Duration ttl, Clock clock) {
        this.secret = secret.clone();
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
    }

    public String customer(String customerId) {
        return mint(customerId, List.of(Roles.CUSTOMER));
    }

    public String agent(String staffId) {
        return mint(staffId, List.of(Roles.AGENT));
    }

    public String ops(String staffId) {
        return mint(staffId, List.of(Roles.OPS));
    }

    /** A token a client got for itself (client-credentials grant): subject = client id, no person behind it. */
    public String machine(String clientId, List<String> roles) {
        return jwt(clientId, roles, ttl, claims -> claims.claim(Caller.MACHINE_CLAIM, clientId));
    }

    public String mint(String subject, List<String> roles) {
        return mint(subject, roles, ttl);
    }

    public String mint(String subject, List<String> roles, Duration lifetime) {
        return jwt(subject, roles, lifetime, claims -> { });
    }

    private String jwt(String subject, List<String> roles, Duration lifetime,
            Consumer<JWTClaimsSet.Builder> extra) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(lifetime)))
                .audience(audience)
                .claim("roles", roles);
        if (issuer != null) {
            claims.issuer(issuer);
        }
        extra.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a demo token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
