package io.refundflow.identity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The development identity provider: an OpenID Connect provider with the demo users, started by the launcher
 * for the local run and in-process by the dashboard's browser test. Deployments use their own provider
 * (docker compose: Keycloak with the refundflow realm).
 */
@SpringBootApplication
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityApplication {

    /**
     * The settings file is refund-identity.yml, not application.yml, so that the provider started in-process
     * beside a service (the dashboard's browser test) reads its own settings and not the service's.
     */
    public static final String CONFIG_NAME = "refund-identity";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The provider, reading refund-identity.yml; run it with arguments such as {@code --server.port=...}. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IdentityApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
