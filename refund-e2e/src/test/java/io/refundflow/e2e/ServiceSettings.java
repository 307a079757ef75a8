package io.refundflow.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The settings the services ship with, read from the repository: each one's application.yml and the platform's defaults. */
final class ServiceSettings {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path PLATFORM_DEFAULTS =
            ROOT.resolve("refund-platform/src/main/resources/refund-platform-defaults.properties");
    private static final YAMLMapper YAML = new YAMLMapper();

    private ServiceSettings() {
    }

    /** A module's application.yml as flat keys ({@code spring.datasource.hikari.schema}) and their values. */
    static Map<String, String> applicationProperties(String module) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", YAML.readTree(applicationYml(module).toFile()), flat);
        return flat;
    }

    static Path applicationYml(String module) {
        return ROOT.resolve(module).resolve("src/main/resources/application.yml");
    }

    /** refund-platform-defaults.properties, which every service gets below its own configuration. */
    static Properties platformDefaults() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(PLATFORM_DEFAULTS)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            // a list is one setting, as Spring reads it (key[0], key[1], ...)
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(prefix, node.isNull() ? "" : node.asString());
        }
    }
}
