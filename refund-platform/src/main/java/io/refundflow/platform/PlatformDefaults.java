package io.refundflow.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code refund-platform-defaults.properties} below every other property source: what every service shares
 * (where PostgreSQL and Kafka are, the Kafka settings that are part of the event contract, health probes and
 * metrics, error pages, token checks, the ops mailbox), written once, so a service cannot forget them. Boot has
 * loaded the application's own configuration by the time this runs (its post-processor comes first), so a
 * service's application.yml, a profile, the environment or an argument still overrides any of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "refund-platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("refund-platform-defaults",
                    new ClassPathResource(RESOURCE, PlatformDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
