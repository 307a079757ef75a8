package io.refundflow.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot application at the {@link RealInfrastructure}: Kafka, the run's database (each
 * service keeps its own schema in it) and the SMTP server. Use through {@link WithRealInfrastructure}, or
 * pass to {@code SpringApplicationBuilder.initializers} when a test starts several services.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("real-test-infrastructure", properties()));
        context.getEnvironment().getPropertySources()
                .addLast(new MapPropertySource("test-context-pools", IDLE_POOLS));
    }

    /**
     * A module's tests keep every Spring context they started cached, each with a Hikari pool that by default keeps
     * all its connections open while idle: a dozen cached contexts of 10 reached PostgreSQL's 100 and the next
     * context failed with "too many clients already". An idle context gives its connections back after Hikari's
     * shortest idle time-out (10 s, in milliseconds as Hikari binds it) and keeps one. Lowest precedence: a test
     * or service that sizes its pool still does.
     */
    private static final Map<String, Object> IDLE_POOLS = Map.of(
            "spring.datasource.hikari.minimum-idle", 1,
            "spring.datasource.hikari.idle-timeout", 10_000);

    public static Map<String, Object> properties() {
        RealInfrastructure infra = RealInfrastructure.get();
        return Map.of(
                "spring.kafka.bootstrap-servers", infra.kafka().bootstrapServers(),
                "spring.datasource.url", infra.postgres().jdbcUrl(),
                "spring.datasource.username", infra.postgres().user(),
                "spring.datasource.password", infra.postgres().password(),
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", infra.smtp().port());
    }
}
