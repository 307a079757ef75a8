package io.refundflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.TopicSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * No Docker engine runs where the tests run, so this keeps docker-compose.yml honest instead: every
 * service is in it, built from the repository, on the port its application.yml declares, configured only
 * through environment variables that name properties the service really reads, and health-checked.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNode COMPOSE = read(ROOT.resolve("docker-compose.yml"));
    /** spring.kafka.properties.* is handed to the Kafka client as it is (sasl.jaas.config, ...). */
    private static final String KAFKA_CLIENT_SETTING = "SPRING_KAFKA_PROPERTIES_";
    private static final Path ACLS = ROOT.resolve("refund-launcher/src/main/resources/kafka-acls.txt");

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard"})
    void serviceIsBuiltFromThisRepositoryWithItsModuleAsBuildArgument(String service) {
        JsonNode build = COMPOSE.path("services").path(service).path("build");

        assertThat(build.path("context").asString()).isEqualTo(".");
        assertThat(ROOT.resolve(build.path("dockerfile").asString())).isRegularFile();
        assertThat(build.path("args").path("SERVICE").asString()).isEqualTo(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard"})
    void servicePublishesAndListensOnThePortItsApplicationYmlDeclares(String service) {
        String port = applicationProperties(service).get("server.port");
        JsonNode definition = COMPOSE.path("services").path(service);

        assertThat(port).as("server.port in %s's application.yml", service).isNotBlank();
        assertThat(definition.path("environment").path("SERVER_PORT").asString()).isEqualTo(port);
        assertThat(texts(definition.path("ports"))).contains(port + ":" + port);
        assertThat(definition.path("healthcheck").path("test").toString()).contains("/tcp/127.0.0.1/" + port)
                .contains("/actuator/health");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard"})
    void everyEnvironmentVariableNamesAPropertyTheServiceReads(String service) {
        Set<String> known = new HashSet<>();
        applicationProperties(service).keySet().forEach(key -> known.add(canonical(key)));
        platformDefaults().forEach(key -> known.add(canonical(key)));

        Iterator<String> variables = COMPOSE.path("services").path(service).path("environment").propertyNames()
                .iterator();
        assertThat(variables.hasNext()).isTrue();
        while (variables.hasNext()) {
            String variable = variables.next();
            if (variable.startsWith(KAFKA_CLIENT_SETTING)) {
                continue;
            }
            assertThat(known).as("%s sets %s, which %s does not read (not in its application.yml)", service,
                    variable, service).contains(canonical(variable));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard", "kafka", "postgres", "mail"})
    void everyPartHasAHealthCheck(String part) {
        assertThat(COMPOSE.path("services").path(part).path("healthcheck").path("test").isMissingNode())
                .as("%s health check", part).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard"})
    void serviceStartsOnlyOnceKafkaAndPostgresAreHealthy(String service) {
        JsonNode dependsOn = COMPOSE.path("services").path(service).path("depends_on");

        assertThat(dependsOn.path("kafka").path("condition").asString()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("postgres").path("condition").asString()).isEqualTo("service_healthy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "postgres", "mail", "kafka-ui"})
    void infrastructurePartUsesAnOfficialImage(String part) {
        assertThat(COMPOSE.path("services").path(part).path("image").asString()).isNotBlank().doesNotContain("latest");
    }

    @Test
    void kafkaAcceptsOnlySignedInClientsAndAuthorizesEachAgainstItsAcls() {
        JsonNode kafka = COMPOSE.path("services").path("kafka").path("environment");

        assertThat(kafka.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asString())
                .isEqualTo("CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(kafka.path("KAFKA_AUTHORIZER_CLASS_NAME").asString())
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asString()).isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard"})
    void serviceSignsInToKafkaAsItsOwnPrincipalWithAPasswordFromTheEnvironment(String service) {
        JsonNode environment = COMPOSE.path("services").path(service).path("environment");
        String jaas = environment.path("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").asString();

        assertThat(environment.path("SPRING_KAFKA_SECURITY_PROTOCOL").asString()).isEqualTo("SASL_PLAINTEXT");
        assertThat(jaas).contains("username=\"" + service + "\"")
                .contains("password=\"${KAFKA_PASSWORD_" + service.toUpperCase().replace('-', '_') + ":?");
        assertThat(aclPrincipals()).as("principals granted anything in kafka-acls.txt").contains(service);
    }

    @Test
    void noKafkaPasswordIsWrittenInTheComposeFile() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));

        assertThat(Pattern.compile("password=\"(?!\\$\\{)").matcher(text).find())
                .as("a Kafka password that is not a ${...} from .env").isFalse();
    }

    @Test
    void topicBrowserIsReadOnlyAndBehindALogin() {
        JsonNode ui = COMPOSE.path("services").path("kafka-ui").path("environment");

        assertThat(ui.path("KAFKA_CLUSTERS_0_READONLY").asString()).isEqualTo("true");
        assertThat(ui.path("AUTH_TYPE").asString()).isEqualTo("LOGIN_FORM");
        assertThat(ui.path("SPRING_SECURITY_USER_PASSWORD").asString()).startsWith("${KAFKA_UI_PASSWORD:?");
        assertThat(ui.path("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG").asString())
                .contains("username=\"kafka-ui\"");
        assertThat(aclRules()).filteredOn(rule -> rule[0].equals("kafka-ui"))
                .allMatch(rule -> rule[1].equals("READ") || rule[1].startsWith("DESCRIBE"));
    }

    @Test
    void kafkaSetupCreatesEveryTopicWithTheSettingsItNeeds() throws IOException {
        String setup = Files.readString(ROOT.resolve("docker/kafka/setup.sh"));

        for (TopicSpec spec : TopicSpec.all()) {
            String name = spec.name().endsWith(".DLT") ? spec.name().substring(0, spec.name().length() - 4)
                    : spec.name();
            assertThat(setup).as("setup.sh creates %s", spec.name()).contains(name);
            spec.configs().forEach((key, value) -> assertThat(setup).contains("topic " + spec.name() + " --config "
                    + key + "=" + value));
        }
    }

    private static List<String[]> aclRules() {
        try {
            return Files.readAllLines(ACLS).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> aclPrincipals() {
        Set<String> principals = new HashSet<>();
        aclRules().forEach(rule -> principals.add(rule[0]));
        return principals;
    }

    /** Relaxed binding: SPRING_DATASOURCE_URL, spring.datasource.url and spring.data-source.url are one property. */
    private static String canonical(String name) {
        return name.toLowerCase().replace("-", "").replace("_", "").replace(".", "");
    }

    private static Map<String, String> applicationProperties(String service) {
        Map<String, String> flat = new java.util.TreeMap<>();
        flatten("", read(ROOT.resolve(service).resolve("src/main/resources/application.yml")), flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else {
            into.put(prefix, node.isNull() ? "" : node.asString());
        }
    }

    private static Set<String> platformDefaults() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(
                ROOT.resolve("refund-platform/src/main/resources/refund-platform-defaults.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties.stringPropertyNames();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static JsonNode read(Path file) {
        return YAML.readTree(file.toFile());
    }
}
