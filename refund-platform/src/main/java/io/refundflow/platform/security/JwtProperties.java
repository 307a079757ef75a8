package io.refundflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service checks bearer tokens ({@code refund.security.jwt.*}).
 *
 * <p>Either an HMAC secret (HS256, at least 32 bytes) or a JWKS URI of an identity provider; the JWKS URI
 * wins when both are set. Without a secret the service falls back to {@link #DEV_SECRET}, a development value
 * known to everyone who reads this code: a service refuses to start with it unless
 * {@link DevelopmentModeProperties#PROPERTY} is {@code true}, so every deployment sets
 * {@code REFUND_SECURITY_JWT_SECRET} or a JWKS URI (with its issuer).
 *
 * <p>Every token must carry {@code exp} and list {@link #audience} in {@code aud}; when {@link #issuer} is set
 * its {@code iss} must match.
 *
 * @param secret           HMAC-SHA256 key (UTF-8 bytes, at least 32)
 * @param jwkSetUri        JWKS endpoint of the identity provider; when set, tokens are verified against it
 * @param issuer           when set, tokens must carry this {@code iss}; required with a JWKS URI, since an
 *                         identity provider signs tokens for other parties too
 * @param audience         tokens must list this in {@code aud} (default {@value #DEFAULT_AUDIENCE}), so that a
 *                         token minted for another system with the same key or provider is refused
 * @param rolesClaim       the claim listing the caller's roles ({@code customer}, {@code agent}, {@code ops})
 * @param publicPaths      request paths served without a token (GET only). Default: health (with its
 *                         liveness / readiness probes), info, the Prometheus scrape endpoint, the OpenAPI
 *                         document. Setting the property replaces the whole list. A service with its own
 *                         chain that does not use {@link RefundSecurityAutoConfiguration#configure} (the ops
 *                         dashboard) decides for itself.
 * @param printDemoTokens  whether a service prints demo tokens at start-up; only ever done in development
 *                         mode while the development secret is in use
 * @param demoTokenTtl     lifetime of demo tokens
 * @param verifiedTokens   how many verified tokens are remembered ({@link CachingJwtDecoder}), each until its
 *                         {@code exp}
 */
@ConfigurationProperties("refund.security.jwt")
public record JwtProperties(
        String secret,
        String jwkSetUri,
        String issuer,
        String audience,
        String rolesClaim,
        List<String> publicPaths,
        Boolean printDemoTokens,
        Duration demoTokenTtl,
        Integer verifiedTokens) {

    /** Development only: published in the source code, so never a secret. */
    public static final String DEV_SECRET = "refundflow-dev-only-hmac-secret-change-me-0123456789";

    /** The audience every refund service expects unless configured otherwise. */
    public static final String DEFAULT_AUDIENCE = "refundflow";

    /** A few kilobytes each: 10,000 callers active within a token's lifetime cost some tens of megabytes. */
    static final int DEFAULT_VERIFIED_TOKENS = 10_000;

    public JwtProperties {
        secret = secret == null || secret.isBlank() ? DEV_SECRET : secret;
        jwkSetUri = jwkSetUri == null || jwkSetUri.isBlank() ? null : jwkSetUri;
        issuer = issuer == null || issuer.isBlank() ? null : issuer;
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        // /actuator/prometheus: a scraper has no customer token; the metrics name no customer or refund.
        publicPaths = publicPaths == null ? List.of("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                "/v3/api-docs/**", "/v3/api-docs", "/openapi.json", "/error") : List.copyOf(publicPaths);
        printDemoTokens = printDemoTokens == null || printDemoTokens;
        demoTokenTtl = demoTokenTtl == null ? Duration.ofHours(12) : demoTokenTtl;
        verifiedTokens = verifiedTokens == null ? DEFAULT_VERIFIED_TOKENS : verifiedTokens;
        if (jwkSetUri == null && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("refund.security.jwt.secret: must be at least 32 bytes for HS256");
        }
        if (jwkSetUri != null && issuer == null) {
            throw new IllegalArgumentException("refund.security.jwt.issuer: required with refund.security.jwt"
                    + ".jwk-set-uri (the identity provider's issuer URI)");
        }
    }

    public boolean usesDevSecret() {
        return jwkSetUri == null && DEV_SECRET.equals(secret);
    }

    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
