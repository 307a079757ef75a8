package io.refundflow.identity;

import io.refundflow.platform.security.DevelopmentModeProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The provider starts in development mode only. Its users' passwords and its API client's secret are published
 * in refund-identity.yml, kept in memory in plain text, and its signing key is made anew on every start: nothing
 * here is fit for real users, so rather than tell published credentials from an operator's own, it refuses to run
 * outside a local run at all. In development mode refund-platform's check keeps it on this machine.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DevelopmentModeProperties.class)
class DevelopmentModeOnly {

    @Bean
    @Lazy(false)
    InitializingBean requireDevelopmentMode(DevelopmentModeProperties mode) {
        return () -> {
            if (!mode.developmentMode()) {
                throw new IllegalStateException("refund-identity is the development identity provider: its demo"
                        + " users and the ops-cli client secret are published. It starts only for a local run, with "
                        + DevelopmentModeProperties.PROPERTY + "=true (REFUND_SECURITY_DEVELOPMENT_MODE);"
                        + " deployments use their own OpenID Connect provider (docker compose: Keycloak).");
            }
        };
    }
}
