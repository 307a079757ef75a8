package io.refundflow.testsupport;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every Spring Boot application a test starts in its own JVM listens on 127.0.0.1 unless the test says otherwise:
 * the tests run the services in development mode, in which refund-platform refuses any other address
 * ({@code LoopbackOnlyInDevelopment}). The lowest-precedence default, on the test class path only (this module is a
 * test dependency of every module), so a service's own jar has no such default and the check stays whole.
 */
public class LoopbackByDefault implements EnvironmentPostProcessor {

    static final String SOURCE = "refund-test-loopback-default";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("server.address", "127.0.0.1")));
    }
}
