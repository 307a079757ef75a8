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
    }

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
