package io.refundflow.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code refund-platform-defaults.properties} below every other property source: the Kafka settings
 * that are part of the event contract (serializers, idempotent acks=all producer, dead-letter-safe
 * deserializer), so a service cannot forget them but can still override them.
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
