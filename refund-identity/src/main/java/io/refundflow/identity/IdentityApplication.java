package io.refundflow.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The development identity provider: an OpenID Connect provider with the demo users, started by the launcher
 * for the local run and in-process by the dashboard's browser test. Deployments use their own provider
 * (docker compose: Keycloak with the refundflow realm).
 */
@SpringBootApplication
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityApplication {

    public static void main(String[] args) {
        SpringApplication.run(IdentityApplication.class, args);
    }
}
