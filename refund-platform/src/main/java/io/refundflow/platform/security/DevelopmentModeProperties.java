package io.refundflow.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether this is a development run ({@code refund.security.development-mode}, default {@code false}).
 *
 * <p>Only a development run may verify tokens with the published {@link JwtProperties#DEV_SECRET} (which is
 * also what a service gets with no key configured), and only a development run prints demo tokens: anyone
 * who reads the source code can mint tokens for that secret. The local run, the tests, the benchmark and
 * docker compose set the switch explicitly; a production deployment leaves it off and configures a key.
 *
 * @param developmentMode {@code true} to accept the development secret and print demo tokens
 */
@ConfigurationProperties("refund.security")
public record DevelopmentModeProperties(boolean developmentMode) {

    public static final String PROPERTY = "refund.security.development-mode";
}
