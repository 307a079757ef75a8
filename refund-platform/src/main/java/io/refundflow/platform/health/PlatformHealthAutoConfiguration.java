package io.refundflow.platform.health;

import io.refundflow.platform.PlatformAutoConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health contributors every refund service gets: {@code kafka} ({@link KafkaHealthIndicator}, over the
 * platform's shared {@link Admin} client). PostgreSQL is Spring Boot's own {@code db} contributor. Without
 * Spring Boot's health support on the classpath (no actuator) this does nothing; it can be switched off
 * with {@code management.health.kafka.enabled=false}.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnClass(AbstractHealthIndicator.class)
@EnableConfigurationProperties(HealthProperties.class)
public class PlatformHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(Admin.class)
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(Admin admin, HealthProperties properties) {
        return new KafkaHealthIndicator(admin, properties.kafkaTimeout());
    }
}
