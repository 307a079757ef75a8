package io.refundflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One place per setting: what the services share is written once, in refund-platform's defaults, and a service's
 * application.yml holds only what is its own. A value copied into two services' files is two places to change and
 * one to forget; a copy of a platform default is a second place that silently wins over the first.
 */
class OnePlacePerSettingTest {

    /** The benchmark's peer is a separate build with its own parent and rules, not a refund service. */
    private static final Set<String> NOT_REFUND_SERVICES = Set.of("refund-peer-operaton");

    @Test
    void noSettingHasTheSameValueInTwoServicesApplicationYml() {
        Map<String, List<String>> servicesBySetting = new TreeMap<>();
        for (String service : services()) {
            ServiceSettings.applicationProperties(service).forEach((key, value) -> servicesBySetting
                    .computeIfAbsent(key + "=" + value, setting -> new ArrayList<>()).add(service));
        }
        servicesBySetting.values().removeIf(services -> services.size() < 2);

        assertThat(servicesBySetting).as("settings written in several services (move them to"
                + " refund-platform-defaults.properties)").isEmpty();
    }

    @Test
    void noServiceRepeatsAPlatformDefault() {
        Properties defaults = ServiceSettings.platformDefaults();
        List<String> repeated = new ArrayList<>();
        for (String service : services()) {
            ServiceSettings.applicationProperties(service).forEach((key, value) -> {
                if (value.equals(defaults.getProperty(key))) {
                    repeated.add(service + ": " + key + "=" + value);
                }
            });
        }

        assertThat(repeated).as("platform defaults repeated in a service's application.yml").isEmpty();
    }

    /** Every module that ships an application.yml: the refund services. */
    private static List<String> services() {
        try (Stream<Path> modules = Files.list(ServiceSettings.ROOT)) {
            List<String> services = modules.map(module -> module.getFileName().toString())
                    .filter(module -> !NOT_REFUND_SERVICES.contains(module))
                    .filter(module -> Files.isRegularFile(ServiceSettings.applicationYml(module)))
                    .sorted()
                    .toList();
            assertThat(services).as("services with an application.yml").hasSizeGreaterThanOrEqualTo(4);
            return services;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
