package io.refundflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * What every service shares is set once, in refund-platform-defaults.properties, and a service's own
 * application.yml (here the platform tests' one) still wins over it: the defaults are the lowest property source
 * once Boot has loaded the application's configuration.
 */
class PlatformDefaultsTest {

    private static final String BOOTS_VIEW_OF_ALL_SOURCES = "configurationProperties";

    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aSettingEveryServiceSharesComesFromThePlatformDefaults() {
        // given an application that sets nothing about health groups or the ops mailbox
        ConfigurableEnvironment environment = start(Map.of());

        // then both come from the platform's defaults
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,db,kafka");
        assertThat(sourceOf(environment, "management.endpoint.health.group.readiness.include"))
                .isEqualTo("refund-platform-defaults");
        assertThat(environment.getProperty("refund.ops-mailbox.email")).isEqualTo("refund-ops@refundflow.invalid");
    }

    @Test
    void theApplicationsOwnYmlOverridesAPlatformDefault() {
        // given the platform tests' application.yml, which keeps only the platform's own migrations
        ConfigurableEnvironment environment = start(Map.of());

        // then its value wins over the defaults' classpath:db/platform,classpath:db/billing,classpath:db/migration
        assertThat(environment.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/platform");
        assertThat(sourceOf(environment, "spring.flyway.locations")).contains("application.yml");
    }

    @Test
    void aSettingGivenAtStartOverridesAPlatformDefault() {
        // given a deployment that points the services at its own broker
        ConfigurableEnvironment environment = start(Map.of("spring.kafka.bootstrap-servers", "kafka:9092"));

        // then that is used, not the defaults' 127.0.0.1:9092
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("kafka:9092");
    }

    private ConfigurableEnvironment start(Map<String, Object> commandLine) {
        String[] arguments = commandLine.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new);
        context = new SpringApplicationBuilder(NothingButConfiguration.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).run(arguments);
        return context.getEnvironment();
    }

    /** The name of the property source a key's value comes from: the first one that has it. */
    private static String sourceOf(ConfigurableEnvironment environment, String key) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            // Boot's relaxed-binding view over all the others comes first; skip it to find the real source
            if (!source.getName().equals(BOOTS_VIEW_OF_ALL_SOURCES) && source.containsProperty(key)) {
                return source.getName();
            }
        }
        return null;
    }

    /** No auto-configuration: only Boot's loading of the configuration and the platform's defaults run. */
    @Configuration(proxyBeanMethods = false)
    static class NothingButConfiguration {
    }
}
